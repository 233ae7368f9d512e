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

  private static String queryCacheSize(String url) throws Exception {
    try (Database database = Database.open(url, "", "", 1);
        java.sql.Connection c = database.connection();
        java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT SETTING_VALUE FROM"
            + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void anUnreachableStoreIsAStoreException() {
    assertThatThrownBy(() -> Database.open("jdbc:nosuchdriver:x", "", "", 1))
        .isInstanceOf(StoreException.class).hasMessageContaining("jdbc:nosuchdriver:x");
  }
}
