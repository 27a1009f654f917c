package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for the browser tests of a class, as a JUnit 5 extension: it starts before the class's tests
 * and stops after them, keeps a screenshot and the page source of a failed test, and fails a test whose pages made
 * the browser report a Content-Security-Policy violation. It is the class's {@link WebDriver} too, with the waits and
 * element helpers the page tests share.
 *
 * <p>Usage, after {@code @ExtendWith(DashboardIT.ChromiumInstalled.class)} and the Arquillian extension:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final Browser browser = new Browser("runs");
 * ...
 * browser.logIn(base, "admin", ApiClient.ADMIN_PASSWORD);
 * browser.findElement(By.id("nav-runs")).click();
 * browser.waitForPage().until(textToBe(By.cssSelector("main h1"), "Scoring runs"));
 * browser.screenshot("runs");
 * </pre>
 *
 * The name goes into the profile folder, the chromedriver log ({@code target/chromedriver-NAME.log}) and the failure
 * shots ({@code target/screenshots/failed-NAME-TEST.png} and {@code .html}). {@link #withDownloads()} gives the browser
 * a downloads folder; {@link #window(int, int)} another window size.
 */
final class Browser
        implements WebDriver,
                JavascriptExecutor,
                TakesScreenshot,
                BeforeAllCallback,
                AfterAllCallback,
                AfterEachCallback,
                TestWatcher {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target");
    static final Path SCREENSHOTS = TARGET.resolve("screenshots");
    static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final List<Path> folders = new ArrayList<>();
    private int width = 1400;
    private int height = 1000;
    private boolean withDownloads;
    private ChromeDriverService service;
    private ChromeDriver driver;
    private Path downloads;

    /** @param name what the class tests ({@code "runs"}): a prefix of its profile, log and failure shots */
    Browser(String name) {
        this.name = name;
    }

    /** The window's size (1400 × 1000 unless set). */
    Browser window(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    /** Downloads go to a folder of their own, without asking, and one page may download more than one file. */
    Browser withDownloads() {
        this.withDownloads = true;
        return this;
    }

    // ---- the extension -------------------------------------------------------------------------------------------

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path profile = folder("chromium-profile");
        // an explicit driver binary: Selenium Manager never runs (it would try to download one)
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(TARGET.resolve("chromedriver-" + name + ".log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=" + width + "," + height,
                "--lang=en-US",
                "--user-data-dir=" + profile.toAbsolutePath());
        Map<String, Object> prefs = new HashMap<>();
        // the dashboard starts in the browser's language: make it English whatever the machine's locale
        prefs.put("intl.accept_languages", "en-US,en");
        if (withDownloads) {
            downloads = folder("browser-downloads");
            prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
            prefs.put("download.prompt_for_download", false);
            // a second download from one page (CSV, then Excel) is blocked unless allowed
            prefs.put("profile.default_content_setting_values.automatic_downloads", 1);
        }
        options.setExperimentalOption("prefs", prefs);
        // the console log, where Chromium reports every Content-Security-Policy violation
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) driver.quit();
        if (service != null) service.stop();
        folders.forEach(Browser::deleteTree);
    }

    /** PrimeFaces runs under the Content-Security-Policy of the pages: the browser refused nothing. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (driver == null) return;
        List<String> violations = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        assertThat(violations).isEmpty();
    }

    /** When a test fails, what the browser showed: a screenshot and the page source beside the other shots. */
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) return;
        try {
            keepPage("failed-" + name + "-" + context.getRequiredTestMethod().getName());
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * A new folder under {@code target/}, deleted with the browser's profile when the class is done.
     *
     * @param what the start of its name ({@code "browser-uploads"})
     */
    Path folder(String what) throws IOException {
        Path folder = Files.createTempDirectory(TARGET, what + "-" + name + "-");
        folders.add(folder);
        return folder;
    }

    /** Best effort: a Chromium helper process may still be writing there; target/ is wiped anyway. */
    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // see above
                }
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not delete " + dir + ": " + e);
        }
    }

    // ---- screenshots ---------------------------------------------------------------------------------------------

    /** The window as it is, to {@code target/screenshots/NAME.png}. */
    void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** The whole page, not only the window: the window is stretched to the page's height for the shot. */
    void wholePageScreenshot(String name) throws IOException {
        Dimension window = driver.manage().window().getSize();
        long pageHeight = (Long) driver.executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new Dimension(window.getWidth(), (int)
                Math.min(4000, Math.max(window.getHeight(), pageHeight + 120))));
        try {
            screenshot(name);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /** A screenshot and the page source, as {@code NAME.png} and {@code NAME.html}. */
    void keepPage(String name) throws IOException {
        screenshot(name);
        Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
    }

    // ---- waits and elements --------------------------------------------------------------------------------------

    /** A wait of 30 s that looks again when the page replaced an element under it. */
    WebDriverWait waitForPage() {
        return waitUpTo(PAGE_TIMEOUT);
    }

    /** A wait that looks again when the page replaced an element under it. */
    WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Whether PrimeFaces has no Ajax request queued or running (true on a page without PrimeFaces). */
    boolean ajaxIdle() {
        return Boolean.TRUE.equals(
                driver.executeScript("return !window.PrimeFaces || PrimeFaces.ajax.Queue.isEmpty()"));
    }

    /** The text of the first element found, stripped; empty when there is none. */
    String text(By locator) {
        return again(() -> {
            List<WebElement> found = driver.findElements(locator);
            return found.isEmpty() ? "" : found.get(0).getText().strip();
        });
    }

    /** A number as the page shows it, digit grouping removed. */
    long number(By locator) {
        String shown = text(locator);
        String digits = shown.replaceAll("[^0-9-]", "");
        assertThat(digits).as("a number in %s", shown).matches("-?\\d+");
        return Long.parseLong(digits);
    }

    /** The data rows of a PrimeFaces data table as cell texts; empty when the table shows its empty message. */
    List<List<String>> tableRows(String tableId) {
        return again(
                () -> driver
                        .findElements(
                                By.cssSelector("[id='" + tableId + "_data'] > tr:not(.ui-datatable-empty-message)"))
                        .stream()
                        .map(row -> row.findElements(By.tagName("td")).stream()
                                .map(WebElement::getText)
                                .map(String::strip)
                                .toList())
                        .toList());
    }

    /** The titles of the growl messages on the page. */
    List<String> growls() {
        return again(() -> driver.findElements(By.cssSelector(".ui-growl-title")).stream()
                .map(WebElement::getText)
                .toList());
    }

    /** Clears a field and types into it, looking again when an Ajax update replaced it meanwhile. */
    void type(By field, String text) {
        again(() -> {
            WebElement element = driver.findElement(field);
            element.clear();
            element.sendKeys(text);
            return null;
        });
    }

    /**
     * What a reading of the page gives, read again when the page replaced an element between finding and reading it:
     * a poll or an Ajax update may re-render a region at any moment (the data sources page follows a pull every 2 s),
     * and a reading outside a wait must not fail on that.
     */
    private static <T> T again(Supplier<T> reading) {
        for (int attempt = 1; ; attempt++) {
            try {
                return reading.get();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) throw e;
            }
        }
    }

    // ---- signing in ----------------------------------------------------------------------------------------------

    /** Signs in through the login form, whoever was signed in before, and waits for the signed-in page. */
    void logIn(URL base, String user, String password) {
        driver.get(base + "login.xhtml");
        waitForPage().until(visibilityOfElementLocated(By.id("login:username")));
        driver.findElement(By.id("login:username")).sendKeys(user);
        driver.findElement(By.id("login:password")).sendKeys(password);
        driver.findElement(By.id("login:submit")).click();
        waitForPage().until(visibilityOfElementLocated(By.id("topbar:logout")));
    }

    /** Makes sure a session exists, signing the admin in through the form when the Overview sends to it. */
    void loggedIn(URL base) {
        driver.get(base + "index.xhtml");
        if (driver.getCurrentUrl().contains("/login.xhtml")) {
            driver.findElement(By.id("login:username")).sendKeys("admin");
            driver.findElement(By.id("login:password")).sendKeys(ApiClient.ADMIN_PASSWORD);
            driver.findElement(By.id("login:submit")).click();
        }
        waitForPage().until(visibilityOfElementLocated(By.id("topbar:logout")));
    }

    /**
     * The server's address with {@code localhost} as host, for the browser: Chrome holds office files downloaded over
     * plain HTTP from any other host ("insecure download"), so an Excel export from http://&lt;address&gt; never
     * finishes here.
     */
    static URL localhost(URL base) throws MalformedURLException {
        // Arquillian has been seen to hand over the root without its slash ("http://host:port")
        String path = base.getFile().endsWith("/") ? base.getFile() : base.getFile() + "/";
        return new URL(base.getProtocol(), "localhost", base.getPort(), path);
    }

    // ---- downloads -----------------------------------------------------------------------------------------------

    /** The newest finished download with that ending (Chromium writes .crdownload until it is complete). */
    Path downloaded(String ending) throws IOException {
        try (Stream<Path> files = Files.list(downloadsFolder())) {
            return files.filter(p -> p.getFileName().toString().endsWith(ending))
                    .max(Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .orElse(null);
        }
    }

    /** Waits for a download; when none comes, keeps the page as it was (what the server answered instead). */
    Path awaitDownload(String ending) throws IOException {
        try {
            return Awaitility.await().atMost(DOWNLOAD_TIMEOUT).until(() -> downloaded(ending), p -> p != null);
        } catch (ConditionTimeoutException e) {
            keepPage("failed-download");
            try (Stream<Path> files = Files.list(downloadsFolder())) {
                throw new AssertionError("no " + ending + " download; in the folder: " + files.toList(), e);
            }
        }
    }

    /** Deletes what was downloaded so far. */
    void clearDownloads() throws IOException {
        try (Stream<Path> files = Files.list(downloadsFolder())) {
            for (Path p : files.toList()) Files.deleteIfExists(p);
        }
    }

    private Path downloadsFolder() {
        if (downloads == null) throw new IllegalStateException("a Browser without withDownloads() downloads nothing");
        return downloads;
    }

    // ---- the WebDriver -------------------------------------------------------------------------------------------

    /** The Chromium driver itself, for what takes a ChromeDriver (Actions). */
    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void get(String url) {
        driver.get(url);
    }

    @Override
    public String getCurrentUrl() {
        return driver.getCurrentUrl();
    }

    @Override
    public String getTitle() {
        return driver.getTitle();
    }

    @Override
    public List<WebElement> findElements(By by) {
        return driver.findElements(by);
    }

    @Override
    public WebElement findElement(By by) {
        return driver.findElement(by);
    }

    @Override
    public String getPageSource() {
        return driver.getPageSource();
    }

    @Override
    public void close() {
        driver.close();
    }

    @Override
    public void quit() {
        driver.quit();
    }

    @Override
    public Set<String> getWindowHandles() {
        return driver.getWindowHandles();
    }

    @Override
    public String getWindowHandle() {
        return driver.getWindowHandle();
    }

    @Override
    public TargetLocator switchTo() {
        return driver.switchTo();
    }

    @Override
    public Navigation navigate() {
        return driver.navigate();
    }

    @Override
    public Options manage() {
        return driver.manage();
    }

    @Override
    public Object executeScript(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    @Override
    public Object executeAsyncScript(String script, Object... args) {
        return driver.executeAsyncScript(script, args);
    }

    @Override
    public <X> X getScreenshotAs(OutputType<X> target) {
        return driver.getScreenshotAs(target);
    }
}
