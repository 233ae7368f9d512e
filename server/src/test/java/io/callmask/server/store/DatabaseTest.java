package io.callmask.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callmask.server.masking.Trunk;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

  @Test
  void migratesAnEmptyFileDatabaseAndKeepsItsDataWhenReopened(@TempDir Path dir) {
    String url = "jdbc:h2:file:" + dir.resolve("callmask");
    try (Database database = Database.open(url, "", "", 2)) {
      new JdbcNumberStore(database).addTrunk(new Trunk("t1", "gw", 5060, "udp", List.of()));
    }
    try (Database database = Database.open(url, "", "", 2)) {
      assertThat(new JdbcNumberStore(database).trunks()).extracting(Trunk::name)
          .containsExactly("t1");
    }
  }

  @Test
  void anH2StoreGetsALargerQueryCacheUnlessTheUrlSetsOne() throws Exception {
    assertThat(queryCacheSize("jdbc:h2:mem:" + java.util.UUID.randomUUID())).isEqualTo("64");
    assertThat(queryCacheSize("jdbc:h2:mem:" + java.util.UUID.randomUUID()
        + ";QUERY_CACHE_SIZE=16")).isEqualTo("16");
  }

  @Test
  void anH2FileStoreGetsALargerPageCacheUnlessTheUrlSetsOne(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("callmask");
    assertThat(Long.parseLong(setting(url, "info.CACHE_MAX_SIZE"))).isGreaterThanOrEqualTo(64);
    assertThat(setting(url + ";QUERY_CACHE_SIZE=16;CACHE_SIZE=8192", "info.CACHE_MAX_SIZE"))
        .isEqualTo("8");
  }

  private static String queryCacheSize(String url) throws Exception {
    return setting(url, "QUERY_CACHE_SIZE");
  }

  private static String setting(String url, String name) throws Exception {
    try (Database database = Database.open(url, "", "", 1);
        java.sql.Connection c = database.connection();
        java.sql.PreparedStatement ps = c.prepareStatement("SELECT SETTING_VALUE FROM"
            + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
      ps.setString(1, name);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  @Test
  void anUnreachableStoreIsAStoreException() {
    assertThatThrownBy(() -> Database.open("jdbc:nosuchdriver:x", "", "", 1))
        .isInstanceOf(StoreException.class).hasMessageContaining("jdbc:nosuchdriver:x");
  }
}
