package io.callmask.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {

  @TempDir Path dir;

  @Test
  void configuredTokenWinsAndNoFileIsWritten() {
    ServerConfig config = ConfigLoader.fromMap(Map.of("data.dir", dir.toString(), "api.token", "abc"));

    assertThat(ApiTokens.resolve(config)).isEqualTo("abc");
    assertThat(dir.resolve(ApiTokens.FILE_NAME)).doesNotExist();
  }

  @Test
  void generatedTokenIsKeptAcrossStarts() {
    ServerConfig config = ConfigLoader.fromMap(Map.of("data.dir", dir.resolve("new").toString()));

    String first = ApiTokens.resolve(config);
    String second = ApiTokens.resolve(config);

    assertThat(first).isEqualTo(second).matches("[A-Za-z0-9_-]{43}");
  }

  @Test
  void anEmptyTokenFileIsAnErrorNamingIt() throws IOException {
    Files.writeString(dir.resolve(ApiTokens.FILE_NAME), "\n");
    ServerConfig config = ConfigLoader.fromMap(Map.of("data.dir", dir.toString()));

    assertThatThrownBy(() -> ApiTokens.resolve(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("api-token is empty");
  }
}
