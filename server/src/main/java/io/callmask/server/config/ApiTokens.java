package io.callmask.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The API's bearer token: {@code api.token} when configured, else the one in
 * {@code ${data.dir}/api-token}, generated there on first start (readable by its owner only) so
 * that the CLI on the same machine finds it.
 */
public final class ApiTokens {

  static final String FILE_NAME = "api-token";

  private ApiTokens() {}

  /** The token to require; creates the data directory and token file when needed. */
  public static String resolve(ServerConfig config) {
    if (config.apiToken().isPresent()) {
      return config.apiToken().get();
    }
    Path file = config.dataDir().resolve(FILE_NAME);
    try {
      Files.createDirectories(config.dataDir());
      if (!Files.exists(file)) {
        create(file);
      }
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw new ConfigException(file + " is empty: delete it to have a new token generated");
      }
      return token;
    } catch (IOException e) {
      throw new ConfigException("cannot read or create the API token " + file + ": " + e);
    }
  }

  /**
   * The token a client on this machine should send: {@code api.token}, else the server's token
   * file if it exists. Never creates anything.
   */
  public static Optional<String> find(ServerConfig config) {
    if (config.apiToken().isPresent()) {
      return config.apiToken();
    }
    Path file = config.dataDir().resolve(FILE_NAME);
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void create(Path file) throws IOException {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException raced) {
      return; // another process created it first: use theirs
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
  }
}
