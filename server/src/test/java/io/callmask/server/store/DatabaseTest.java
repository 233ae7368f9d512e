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
    assertThat(setting("jdbc:h2:mem:" + java.util.UUID.randomUUID(), "QUERY_CACHE_SIZE"))
        .isEqualTo("64");
    assertThat(setting("jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";QUERY_CACHE_SIZE=16",
        "QUERY_CACHE_SIZE")).isEqualTo("16");
  }

  @Test
  void anH2StoreFileIsCompactedLessEagerlyUnlessTheUrlSaysHowEagerly(@TempDir Path dir)
      throws Exception {
    assertThat(setting("jdbc:h2:file:" + dir.resolve("tuned"), "AUTO_COMPACT_FILL_RATE"))
        .isEqualTo("50");
    assertThat(setting("jdbc:h2:file:" + dir.resolve("given") + ";auto_compact_fill_rate=90",
        "AUTO_COMPACT_FILL_RATE")).isEqualTo("90");
    assertThat(setting("jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";QUERY_CACHE_SIZE=16",
        "AUTO_COMPACT_FILL_RATE")).isEqualTo("50");
  }

  @Test
  void aPostgresqlUrlIsLeftAsItIs() {
    String url = "jdbc:postgresql://db.example:5432/callmask?sslmode=require";
    assertThat(Database.tuned(url)).isEqualTo(url);
  }

  @Test
  void onlyAnEmbeddedH2StoreThatNoOtherProcessCanOpenIsExclusive() {
    assertThat(Database.exclusive("jdbc:h2:file:./data/callmask")).isTrue();
    assertThat(Database.exclusive("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isTrue();
    assertThat(Database.exclusive("jdbc:h2:~/callmask;QUERY_CACHE_SIZE=16")).isTrue();
    assertThat(Database.exclusive("jdbc:postgresql://db.example:5432/callmask")).isFalse();
    assertThat(Database.exclusive("jdbc:h2:tcp://db.example/~/callmask")).isFalse();
    assertThat(Database.exclusive("JDBC:H2:SSL://db.example/~/callmask")).isFalse();
    assertThat(Database.exclusive("jdbc:h2:file:./data/callmask;AUTO_SERVER=TRUE")).isFalse();
    assertThat(Database.exclusive("jdbc:h2:./callmask;auto_server = true;x=1")).isFalse();
    assertThat(Database.exclusive("jdbc:h2:file:./data/callmask;FILE_LOCK=NO")).isFalse();
  }

  @Test
  void anOpenedStoreKnowsWhetherItIsExclusive(@TempDir Path dir) {
    try (Database database = Database.open("jdbc:h2:file:" + dir.resolve("a"), "", "", 2)) {
      assertThat(database.isExclusive()).isTrue();
    }
    try (Database database = Database.open(
        "jdbc:h2:file:" + dir.resolve("b") + ";AUTO_SERVER=TRUE", "", "", 2)) {
      assertThat(database.isExclusive()).isFalse();
    }
  }

  private static String setting(String url, String name) throws Exception {
    try (Database database = Database.open(url, "", "", 1);
        java.sql.Connection c = database.connection();
        java.sql.PreparedStatement query = c.prepareStatement("SELECT SETTING_VALUE FROM"
            + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
      query.setString(1, name);
      try (java.sql.ResultSet rs = query.executeQuery()) {
        assertThat(rs.next()).as("setting %s", name).isTrue();
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
