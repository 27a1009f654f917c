package dev.rfm.web.platform;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Adds {@code SameSite=Lax} to the session cookie where the container leaves it out. web.xml declares the attribute
 * (Servlet 6 {@code <cookie-config><attribute>}), but Payara Micro 6.2025.10 does not write it. The container adds its
 * {@code Set-Cookie} header itself, not through this wrapper, so the headers are mended before the answer is
 * committed: when the body is first written, on a redirect or error, on a flush, and when the request is done.
 */
final class SameSiteSessionCookie extends HttpServletResponseWrapper {

    private static final String SET_COOKIE = "Set-Cookie";

    private final String cookieName;
    private final String sameSite;

    SameSiteSessionCookie(HttpServletResponse response, String cookieName, String sameSite) {
        super(response);
        this.cookieName = cookieName + "=";
        this.sameSite = sameSite;
    }

    /** Adds the attribute to the session cookie's header, once; other cookies and an already set value stay. */
    void mend() {
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (response.isCommitted()) return;
        List<String> cookies = List.copyOf(response.getHeaders(SET_COOKIE));
        boolean changed = false;
        String[] mended = new String[cookies.size()];
        for (int i = 0; i < mended.length; i++) {
            String cookie = cookies.get(i);
            if (cookie.startsWith(cookieName)
                    && !cookie.toLowerCase(Locale.ROOT).contains("samesite=")) {
                cookie = cookie + "; SameSite=" + sameSite;
                changed = true;
            }
            mended[i] = cookie;
        }
        if (!changed) return;
        response.setHeader(SET_COOKIE, mended[0]);
        for (int i = 1; i < mended.length; i++) {
            response.addHeader(SET_COOKIE, mended[i]);
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        mend();
        return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        mend();
        return super.getWriter();
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        mend();
        super.sendRedirect(location);
    }

    @Override
    public void sendError(int status) throws IOException {
        mend();
        super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        mend();
        super.sendError(status, message);
    }

    @Override
    public void flushBuffer() throws IOException {
        mend();
        super.flushBuffer();
    }
}
