package dev.rfm.web.snapshot;

import dev.rfm.domain.snapshot.RunStatus;
import dev.rfm.domain.snapshot.Snapshots;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * A run named in a page's address ({@code ?run=12}): a link from the Overview pins the run it counted in, and a
 * newer run may have finished since. Only a succeeded run still kept is taken; anything else means "the current".
 */
public final class RunLink {

    private RunLink() {}

    public static OptionalLong succeeded(Snapshots snapshots, String text) throws SQLException {
        if (text == null || !text.matches("[0-9]{1,18}")) return OptionalLong.empty();
        long id = Long.parseLong(text);
        return snapshots
                .run(id)
                .filter(r -> r.status() == RunStatus.SUCCEEDED)
                .map(r -> OptionalLong.of(id))
                .orElse(OptionalLong.empty());
    }
}
