package dev.rfm.analytics.run;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.sql.DataSource;

/**
 * The run beans of one server wired by hand, without a container: requested runs are worked on inline, or left
 * queued as by a server that dies right after accepting them.
 */
final class RunBeans {

    static final LocalDate REFERENCE = LocalDate.of(2025, 1, 1);

    final List<Long> succeeded = new ArrayList<>();
    boolean failObservers;
    boolean failRetention;
    final RunRetention retention = new RunRetention() {
        @Override
        public void apply() throws SQLException {
            if (failRetention) throw new SQLException("canceling statement due to lock timeout", "55P03");
            super.apply();
        }
    };
    final ScoringRuns runs = new ScoringRuns();
    final ScoringJob job = new ScoringJob();
    final ServerInstance server = new ServerInstance();
    final ServerHeartbeat heartbeat = new ServerHeartbeat();

    RunBeans(DataSource ds) {
        this(ds, "test-server", true);
    }

    /**
     * @param serverName the name of the server these beans stand for; it registers itself as a real one does at start
     * @param runJobs whether a requested run is worked on (inline) or left queued
     */
    RunBeans(DataSource ds, String serverName, boolean runJobs) {
        retention.dataSource = ds;
        retention.keepDays = 90;
        CustomSegments customSegments = new CustomSegments();
        customSegments.dataSource = ds;
        ScoringProfiles profiles = new ScoringProfiles();
        profiles.dataSource = ds;
        job.dataSource = ds;
        job.retention = retention;
        job.customSegments = customSegments;
        job.succeeded = new RecordingEvent(succeeded, () -> failObservers);
        runs.dataSource = ds;
        runs.job = job;
        runs.profiles = profiles;
        runs.server = server;
        runs.executor = (ManagedExecutorService) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("submit")) throw new UnsupportedOperationException(method.getName());
                    if (runJobs) ((Runnable) args[0]).run();
                    return CompletableFuture.completedFuture(null);
                });
        server.configuredName = Optional.of(serverName);
        server.dataDir = "./rfm-data";
        server.chooseName();
        heartbeat.dataSource = ds;
        heartbeat.server = server;
        heartbeat.runs = runs;
        heartbeat.start();
    }

    long run() throws SQLException {
        return runAsOf(REFERENCE);
    }

    long runAsOf(LocalDate referenceDate) throws SQLException {
        RunRequest request = runs.request(referenceDate, RunTrigger.MANUAL, "test");
        assertThat(request.started()).isTrue();
        return request.runId();
    }

    private record RecordingEvent(List<Long> runs, java.util.function.BooleanSupplier failing)
            implements Event<dev.rfm.domain.snapshot.RunSucceeded> {
        @Override
        public void fire(dev.rfm.domain.snapshot.RunSucceeded event) {
            runs.add(event.runId());
            if (failing.getAsBoolean()) throw new IllegalStateException("an observer failed");
        }

        @Override
        public <U extends dev.rfm.domain.snapshot.RunSucceeded> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends dev.rfm.domain.snapshot.RunSucceeded> CompletionStage<U> fireAsync(
                U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<dev.rfm.domain.snapshot.RunSucceeded> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends dev.rfm.domain.snapshot.RunSucceeded> Event<U> select(
                Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends dev.rfm.domain.snapshot.RunSucceeded> Event<U> select(
                TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
