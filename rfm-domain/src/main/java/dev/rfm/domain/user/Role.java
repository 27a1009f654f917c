package dev.rfm.domain.user;

/** What a user may do. Names are the role names used in security constraints. */
public enum Role {
    /** Everything, including users, profiles and settings. */
    ADMIN,
    /** Imports data, starts runs, edits segments and reports. */
    ANALYST,
    /** Reads dashboards and reports. */
    VIEWER;

    public static final String ADMIN_NAME = "ADMIN";
    public static final String ANALYST_NAME = "ANALYST";
    public static final String VIEWER_NAME = "VIEWER";
}
