package dev.rfm.domain.snapshot;

import java.util.List;

/** One page of a longer list, with the total so a pager can show where the reader is. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public long pages() {
        return size == 0 ? 0 : (total + size - 1) / size;
    }
}
