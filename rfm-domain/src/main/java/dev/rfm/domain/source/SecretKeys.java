package dev.rfm.domain.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one {@link SecretBox} of the application ({@code RFM_SECRET_KEY}, else the key file in {@code RFM_DATA_DIR}):
 * data source passwords and trigger secrets are sealed with it. One producer, so the key file is made once.
 */
@ApplicationScoped
public class SecretKeys {

    @Inject
    @ConfigProperty(name = "rfm.secret.key")
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = "rfm.data.dir", defaultValue = "./rfm-data")
    String dataDir;

    @Produces
    @Singleton
    SecretBox secretBox() {
        try {
            return SecretBox.fromSettings(secretKey, Path.of(dataDir).toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key in " + dataDir, e);
        }
    }
}
