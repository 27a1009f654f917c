package dev.rfm.domain.demo;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;

/**
 * Generates demo data into a {@link Writer} that only counts, then prints {@code customers rows chars lines
 * largestWrite}. {@link DemoDataStreamingTest} runs it in a JVM with a heap far smaller than the output.
 */
final class StreamingProbe {

    private StreamingProbe() {}

    public static void main(String[] args) throws IOException {
        int customers = Integer.parseInt(args[0]);
        CountingWriter out = new CountingWriter();
        DemoDataSummary summary = DemoDataGenerator.of(
                        DemoDataSettings.of(customers, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31), 1))
                .writeCsv(out);
        System.out.println(summary.customers() + " " + summary.rows() + " " + out.chars + " " + out.lines + " "
                + out.largestWrite);
    }

    /** Keeps nothing but counts; every other write method of {@link Writer} ends up here. */
    static final class CountingWriter extends Writer {
        long chars;
        long lines;
        int largestWrite;

        @Override
        public void write(char[] buffer, int offset, int length) {
            chars += length;
            largestWrite = Math.max(largestWrite, length);
            for (int i = offset; i < offset + length; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
