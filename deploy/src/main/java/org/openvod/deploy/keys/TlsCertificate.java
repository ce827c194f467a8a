package org.openvod.deploy.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The key server's self-signed TLS certificate (127.0.0.1 and localhost), made once with the JDK's
 * keytool and kept in the data directory: MediaPackage's API only takes https key server URLs, so
 * the SPEKE endpoint needs TLS. The worker trusts exactly this certificate ({@link #pemFile()}).
 */
public final class TlsCertificate {

  static final String ALIAS = "vod-keys";
  // the store's protection is the data directory's file permissions, as for the key secret
  private static final String PASSWORD = "openvod-local-key-server";

  private final Path keyStore;
  private final Path pem;

  private TlsCertificate(Path keyStore, Path pem) {
    this.keyStore = keyStore;
    this.pem = pem;
  }

  /** The certificate of {@code dir}, created the first time. */
  public static TlsCertificate inDirectory(Path dir) throws IOException {
    Path store = dir.resolve("tls.p12");
    Path pem = dir.resolve(KeyServer.CERTIFICATE_FILE);
    if (!Files.exists(store) || !Files.exists(pem)) {
      Files.createDirectories(dir);
      Files.deleteIfExists(store);
      Files.deleteIfExists(pem);
      keytool(
          "-genkeypair",
          "-alias",
          ALIAS,
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=OpenVOD local key server",
          "-ext",
          "SAN=ip:127.0.0.1,dns:localhost",
          "-validity",
          "3650",
          "-storetype",
          "PKCS12",
          "-keystore",
          store.toString(),
          "-storepass",
          PASSWORD,
          "-keypass",
          PASSWORD);
      keytool(
          "-exportcert",
          "-rfc",
          "-alias",
          ALIAS,
          "-keystore",
          store.toString(),
          "-storepass",
          PASSWORD,
          "-file",
          pem.toString());
    }
    return new TlsCertificate(store, pem);
  }

  /** The certificate in PEM, for clients that must trust it. */
  public Path pemFile() {
    return pem;
  }

  SSLContext serverContext() throws IOException {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "the key server's TLS key store "
              + keyStore
              + " is unusable; delete it to make a new one",
          e);
    }
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool " + args[0] + " failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while making the key server's certificate", e);
    }
  }
}
