package dev.rfm.web;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The CDNOW files of {@code ../shared} (or {@code -Drfm.shared.dir}) that some page tests import. A clone without
 * them skips those tests, and the tests that build on what they imported: a class that imports one in its first test
 * is enabled only when the file is here ({@code @EnabledIf("dev.rfm.web.SharedData#cdnowSample")}), a later test of a
 * class that goes on without it assumes it ({@link #assumeCdnow}).
 */
final class SharedData {

    /** The whole log (23,570 customers). */
    static final String LOG = "cdnow_orders.csv";
    /** The 1/10 sample as the product's CSV. */
    static final String SAMPLE_ORDERS = "cdnow_sample_orders.csv";
    /** The 1/10 sample in its published text form. */
    static final String SAMPLE_TEXT = "CDNOW_sample.txt";

    private SharedData() {}

    static Path cdnow(String file) {
        return Path.of(System.getProperty("rfm.shared.dir", "../shared"), "data/cdnow", file)
                .toAbsolutePath()
                .normalize();
    }

    /** Skips the calling test unless the file is here. */
    static void assumeCdnow(String file) {
        Path path = cdnow(file);
        Assumptions.assumeTrue(Files.isReadable(path), path + " is not here");
    }

    /** For {@code @EnabledIf}: both forms of the 1/10 sample are here. */
    static boolean cdnowSample() {
        return Files.isReadable(cdnow(SAMPLE_ORDERS)) && Files.isReadable(cdnow(SAMPLE_TEXT));
    }
}
