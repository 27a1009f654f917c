package dev.rfm.domain.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit flushed by {@link EmbeddedDurability} survives the process being killed (SIGKILL) right after it. Without
 * the flush, H2's write delay lets commits reach the file up to half a second later, and a killed server lost the run
 * it had just started or the import it had just answered.
 */
class EmbeddedDatabaseDurabilityTest {

    @Test
    void aFlushedCommitSurvivesAKillRightAfterIt(@TempDir Path dir) throws Exception {
        Process writer = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CommitThenWait.class.getName(),
                        dir.toString()))
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("committed")) {
                // the child's other output, if any
            }
            assertThat(line).as("the writer committed").isEqualTo("committed");
        }
        writer.destroyForcibly(); // SIGKILL: no shutdown hook, no close
        writer.waitFor();

        try (Connection c = DriverManager.getConnection(RfmDataSource.resolveUrl("embedded", dir.toString()));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from survivor")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    /** The killed process: creates a table, commits and flushes a row, says so, and waits to be killed. */
    public static final class CommitThenWait {
        public static void main(String[] args) throws Exception {
            Connection c = DriverManager.getConnection(RfmDataSource.resolveUrl("embedded", args[0]));
            try (Statement s = c.createStatement()) {
                s.execute("create table survivor (id int)");
                c.setAutoCommit(false);
                s.execute("insert into survivor values (1)");
                c.commit();
                EmbeddedDurability.flush(c);
            }
            System.out.println("committed");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
