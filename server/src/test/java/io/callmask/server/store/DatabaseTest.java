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
  void anUnreachableStoreIsAStoreException() {
    assertThatThrownBy(() -> Database.open("jdbc:nosuchdriver:x", "", "", 1))
        .isInstanceOf(StoreException.class).hasMessageContaining("jdbc:nosuchdriver:x");
  }
}
