package dev.rfm.reports.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * {@code RFM_SMTP_STARTTLS=true} against a real SMTP server that offers STARTTLS (SubEthaSMTP; GreenMail has none):
 * the report mail is sent only after the TLS handshake, then authenticated, with its PDF intact; a server that
 * offers no STARTTLS gets nothing, not even in clear. The server's certificate is self-signed for 127.0.0.1 and the
 * test JVM trusts it, as an operator's JVM trusts an internal CA.
 */
class StartTlsMailTest {

    private static final byte[] PDF = "%PDF-1.7 test".getBytes();
    private static final List<byte[]> RECEIVED = new CopyOnWriteArrayList<>();

    @TempDir
    static Path dir;

    private static SMTPServer tlsServer;
    private static SMTPServer plainServer;

    @BeforeAll
    static void start() throws Exception {
        Path keyStore = dir.resolve("smtp.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "smtp",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keyStore.toString(),
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue())
                .as(new String(keytool.getInputStream().readAllBytes()))
                .isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trust.getTrustManagers(), null);
        SSLContext.setDefault(clientContext); // what -Djavax.net.ssl.trustStore does for an operator

        tlsServer = SMTPServer.port(0)
                .bindAddress(java.net.InetAddress.getLoopbackAddress())
                .startTlsSocketFactory(serverContext)
                .requireTLS()
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    if (!user.equals("reports") || !password.equals("s3cret")) throw new LoginFailedException();
                }))
                .requireAuth()
                .messageHandler((context, from, to, data) -> RECEIVED.add(data))
                .build();
        tlsServer.start();
        plainServer = SMTPServer.port(0)
                .bindAddress(java.net.InetAddress.getLoopbackAddress())
                .messageHandler((context, from, to, data) -> RECEIVED.add(data))
                .build();
        plainServer.start();
    }

    @AfterAll
    static void stop() {
        if (tlsServer != null) tlsServer.stop();
        if (plainServer != null) plainServer.stop();
    }

    private static Mailer mailer(SMTPServer server) {
        return new Mailer(new MailSettings(
                Optional.of("127.0.0.1"),
                server.getPortAllocated(),
                Optional.of("reports"),
                Optional.of("s3cret"),
                "rfm-reports@example.com",
                true,
                true));
    }

    @Test
    void theReportIsSentOverTlsAfterLoggingIn() throws Exception {
        RECEIVED.clear();
        mailer(tlsServer)
                .send(
                        "team@example.com",
                        ReportMail.of("en", "Weekly", "standard", 7, LocalDate.of(2026, 11, 30), PDF));
        // the server refuses every command but STARTTLS before the handshake (requireTLS): a mail that arrived came
        // over TLS
        assertThat(RECEIVED).hasSize(1);
        MimeMessage message =
                new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(RECEIVED.get(0)));
        assertThat(message.getSubject()).isEqualTo("RFM segment report – Weekly – 2026-11-30");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(PDF);
    }

    @Test
    void aServerWithoutStartTlsGetsNothing() {
        RECEIVED.clear();
        assertThatThrownBy(() -> mailer(plainServer).sendText("team@example.com", "test", "never in clear"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("STARTTLS");
        assertThat(RECEIVED).isEmpty();
    }
}
