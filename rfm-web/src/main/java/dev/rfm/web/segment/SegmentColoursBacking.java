package dev.rfm.web.segment;

import dev.rfm.domain.snapshot.SegmentColours;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** {@link SegmentColours} for the pages: {@code #{segmentColours.of('standard', s.code)}}. */
@Named("segmentColours")
@ApplicationScoped
public class SegmentColoursBacking {

    public String of(String scheme, String code) {
        return SegmentColours.of(scheme, code);
    }
}
