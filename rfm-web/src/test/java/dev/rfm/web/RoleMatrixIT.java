package dev.rfm.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Who may call what, generated from the application itself, so that a new endpoint or page without declared roles
 * fails here rather than being open (or closed) by accident.
 *
 * <ul>
 *   <li>REST: every JAX-RS resource method of the main classes under {@code dev.rfm.web} (found by ArchUnit's class
 *       importer, which never looks at test classes) must declare {@code @RolesAllowed} on itself or its class. Each
 *       is then called anonymously (401), by each role outside its declaration (403 {@code FORBIDDEN}) and by each
 *       role inside it (anything but 401 and 403 {@code FORBIDDEN}), with harmless values: ids and names that do not
 *       exist, {@code {}} as a JSON body, an empty CSV for imports.
 *   <li>Pages: every {@code *.xhtml} of the WAR outside {@code WEB-INF} must be named explicitly by a security
 *       constraint of its {@code web.xml}; anonymously it redirects to the login form (unless public), and signed in
 *       through the real login form as each role it answers 200 when the constraint names the role, 403 otherwise.
 * </ul>
 */
@ExtendWith({FreshDatabase.class, ArquillianExtension.class})
class RoleMatrixIT {

    private static final List<String> ROLES = List.of("ADMIN", "ANALYST", "VIEWER");

    /** Values for path parameters that touch nothing: no such id, no such user; a code the schemes use. */
    private static final Map<String, String> HARMLESS = Map.of(
            "id", "999999",
            "runId", "999999",
            "customerId", "no-such-customer-999999",
            "username", "no-such-user-999999",
            "code", "CHAMPIONS");

    private static final String FALLBACK_VALUE = "999999";
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*(?::[^}]*)?}");

    /** One password per role; the ANALYST and VIEWER are created once per server through {@code /api/users}. */
    private static final Map<String, String[]> CALLERS = new LinkedHashMap<>();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, war());
    }

    @ArquillianResource
    URL base;

    ApiClient api;

    @BeforeEach
    void callers() throws Exception {
        api = new ApiClient(base);
        if (!CALLERS.isEmpty()) {
            return;
        }
        CALLERS.put("ADMIN", new String[] {"admin", ApiClient.ADMIN_PASSWORD});
        for (String role : List.of("ANALYST", "VIEWER")) {
            String name = "matrix-" + role.toLowerCase() + "-"
                    + UUID.randomUUID().toString().substring(0, 6);
            String password = "matrix-password-" + role.toLowerCase();
            HttpResponse<String> created = api.postJson(
                    "api/users",
                    "{\"username\":\"" + name + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            CALLERS.put(role, new String[] {name, password});
        }
    }

    // ---- REST ------------------------------------------------------------------------------------------------------

    /** One resource method: HTTP method, path below the context root, declared roles (empty when none). */
    record Endpoint(String method, String path, Set<String> roles, String contentType, String body) {
        @Override
        public String toString() {
            return method + " /" + path;
        }
    }

    @Test
    void everyResourceMethodDeclaresItsRoles() {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints)
                .as("the scan finds the resources (a scan that finds nothing would pass everything)")
                .extracting(Endpoint::toString)
                .contains("GET /api/users", "POST /api/imports", "PUT /api/users/{username}");
        assertThat(endpoints.stream().filter(e -> e.roles().isEmpty()).map(Endpoint::toString))
                .as("resource methods without @RolesAllowed on the method or its class")
                .isEmpty();
    }

    @Test
    void everyEndpointAnswersEachCallerAsItsRolesDeclare() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.roles().isEmpty()) {
                continue; // reported by everyResourceMethodDeclaresItsRoles
            }
            String path = fill(endpoint.path());
            HttpResponse<String> anonymous =
                    api.send(endpoint.method(), path, null, null, endpoint.contentType(), endpoint.body());
            if (anonymous.statusCode() != 401) {
                wrong.add(endpoint + " anonymous: " + anonymous.statusCode() + ", expected 401");
            }
            for (String role : ROLES) {
                String[] caller = CALLERS.get(role);
                HttpResponse<String> answer = api.send(
                        endpoint.method(),
                        path,
                        caller[0],
                        caller[1],
                        endpoint.contentType(),
                        endpoint.body(),
                        "Accept",
                        "*/*");
                boolean forbidden = answer.statusCode() == 403 && "FORBIDDEN".equals(errorCode(answer));
                if (endpoint.roles().contains(role)) {
                    if (answer.statusCode() == 401 || forbidden) {
                        wrong.add(
                                endpoint + " as " + role + " (declared): " + answer.statusCode() + " " + answer.body());
                    }
                } else if (!forbidden) {
                    wrong.add(endpoint + " as " + role + " (not declared): " + answer.statusCode() + " "
                            + abbreviate(answer.body()) + ", expected 403 FORBIDDEN");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The resource methods of the main classes, in a stable order. */
    static List<Endpoint> endpoints() {
        List<Class<?>> classes = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                        .importPackages("dev.rfm.web")
                        .stream()
                        .filter(c -> c.isAnnotatedWith(Path.class) || c.isAnnotatedWith(ApplicationPath.class))
                        .map(JavaClass::reflect)
                        .sorted(Comparator.comparing(Class::getName))
                        .collect(Collectors.toList());
        String root = classes.stream()
                .map(c -> c.getAnnotation(ApplicationPath.class))
                .filter(a -> a != null)
                .map(ApplicationPath::value)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no @ApplicationPath class under dev.rfm.web"));
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> resource : classes) {
            Path classPath = resource.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            List<Method> methods = new ArrayList<>(Arrays.asList(resource.getDeclaredMethods()));
            methods.sort(Comparator.comparing(Method::getName));
            for (Method method : methods) {
                Optional<String> httpMethod = httpMethod(method);
                Path methodPath = method.getAnnotation(Path.class);
                if (httpMethod.isEmpty()) {
                    assertThat(methodPath)
                            .as("%s.%s is a sub-resource locator: teach RoleMatrixIT to follow it", resource, method)
                            .isNull();
                    continue;
                }
                RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
                if (allowed == null) {
                    allowed = resource.getAnnotation(RolesAllowed.class);
                }
                Set<String> roles = allowed == null ? Set.of() : new TreeSet<>(Arrays.asList(allowed.value()));
                String path = join(root, classPath.value(), methodPath == null ? "" : methodPath.value());
                String[] body = body(httpMethod.get(), resource, method);
                endpoints.add(new Endpoint(httpMethod.get(), path, roles, body[0], body[1]));
            }
        }
        return endpoints;
    }

    private static Optional<String> httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod designator = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (designator != null) {
                return Optional.of(designator.value());
            }
        }
        return Optional.empty();
    }

    /** Content type and body: {@code {}} as JSON, an empty CSV where any type goes (imports), else {@code {}}. */
    private static String[] body(String httpMethod, Class<?> resource, Method method) {
        if (!httpMethod.equals("POST") && !httpMethod.equals("PUT") && !httpMethod.equals("PATCH")) {
            return new String[] {null, null};
        }
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = resource.getAnnotation(Consumes.class);
        }
        List<String> types = consumes == null ? List.of(MediaType.WILDCARD) : Arrays.asList(consumes.value());
        if (types.contains(MediaType.APPLICATION_JSON)) {
            return new String[] {MediaType.APPLICATION_JSON, "{}"};
        }
        if (types.contains(MediaType.WILDCARD)) {
            return new String[] {"text/csv", ""};
        }
        return new String[] {types.get(0), "{}"};
    }

    private static String join(String... parts) {
        return Arrays.stream(parts)
                .flatMap(p -> Arrays.stream(p.split("/")))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining("/"));
    }

    private static String fill(String template) {
        Matcher parameter = TEMPLATE_PARAMETER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (parameter.find()) {
            String value = HARMLESS.getOrDefault(parameter.group(1), FALLBACK_VALUE);
            parameter.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        parameter.appendTail(filled);
        return filled.toString();
    }

    private static String errorCode(HttpResponse<String> response) {
        try {
            JsonObject body =
                    Json.createReader(new StringReader(response.body())).readObject();
            return body.getString("error", null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    // ---- pages -----------------------------------------------------------------------------------------------------

    /** The roles web.xml gives a page: empty means public; a page no constraint names is absent. */
    record PageRoles(String page, Optional<Set<String>> roles) {
        boolean allows(String role) {
            return roles.isEmpty() || roles.get().contains(role);
        }
    }

    @Test
    void everyPageIsNamedInAConstraintOfWebXml() throws Exception {
        Map<String, Optional<PageRoles>> pages = pageRoles();
        assertThat(pages.keySet())
                .as("the scan finds the pages")
                .contains("/index.xhtml", "/login.xhtml", "/users.xhtml", "/password.xhtml");
        assertThat(pages.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey))
                .as("pages that no security constraint of web.xml names explicitly")
                .isEmpty();
    }

    @Test
    void everyPageAnswersEachRoleAsWebXmlDeclares() throws Exception {
        List<PageRoles> pages =
                pageRoles().values().stream().flatMap(Optional::stream).toList();
        List<String> wrong = new ArrayList<>();
        HttpClient anonymous = browser();
        for (PageRoles page : pages) {
            HttpResponse<String> answer = get(anonymous, page.page());
            boolean toLogin = answer.statusCode() == 302
                    && answer.headers().firstValue("Location").orElse("").contains("/login.xhtml?continue=");
            if (page.roles().isEmpty() ? answer.statusCode() != 200 : !toLogin) {
                wrong.add(page.page() + " anonymous: " + answer.statusCode() + " "
                        + answer.headers().firstValue("Location").orElse(""));
            }
        }
        for (String role : ROLES) {
            HttpClient signedIn = signIn(CALLERS.get(role)[0], CALLERS.get(role)[1]);
            for (PageRoles page : pages) {
                int status = get(signedIn, page.page()).statusCode();
                int expected = page.allows(role) ? 200 : 403;
                if (status != expected) {
                    wrong.add(page.page() + " as " + role + ": " + status + ", expected " + expected);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Every page of the WAR outside WEB-INF and META-INF, with what web.xml says of it (empty when nothing). */
    private static Map<String, Optional<PageRoles>> pageRoles() throws Exception {
        Map<String, Optional<PageRoles>> pages = new TreeMap<>();
        try (ZipFile war = new ZipFile(war())) {
            List<Element> constraints;
            try (InputStream webXml = war.getInputStream(war.getEntry("WEB-INF/web.xml"))) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                Document document = factory.newDocumentBuilder().parse(webXml);
                constraints = elements(document.getDocumentElement(), "security-constraint");
            }
            war.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.endsWith(".xhtml") && !n.startsWith("WEB-INF/") && !n.startsWith("META-INF/"))
                    .forEach(name -> pages.put("/" + name, rolesOf("/" + name, constraints)));
        }
        return pages;
    }

    /**
     * The servlet rules for an exact pattern: the constraints naming it combine; one without an auth-constraint
     * makes the page public. HTTP-method-specific constraints are not used by this application.
     */
    private static Optional<PageRoles> rolesOf(String page, List<Element> constraints) {
        boolean named = false;
        boolean open = false;
        Set<String> roles = new LinkedHashSet<>();
        for (Element constraint : constraints) {
            boolean names = elements(constraint, "url-pattern").stream()
                    .anyMatch(p -> p.getTextContent().trim().equals(page));
            if (!names) {
                continue;
            }
            named = true;
            List<Element> auth = elements(constraint, "auth-constraint");
            if (auth.isEmpty()) {
                open = true;
            } else {
                auth.forEach(a -> elements(a, "role-name")
                        .forEach(r -> roles.add(r.getTextContent().trim())));
            }
        }
        if (!named) {
            return Optional.empty();
        }
        return Optional.of(new PageRoles(page, open ? Optional.empty() : Optional.of(roles)));
    }

    private static List<Element> elements(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS("*", localName);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return Collections.unmodifiableList(found);
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private HttpResponse<String> get(HttpClient client, String page) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(root().resolve(page.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A browser-like client signed in through the real login form (view state and all). */
    private HttpClient signIn(String user, String password) throws Exception {
        HttpClient client = browser();
        String loginPage = get(client, "/login.xhtml").body();
        Matcher viewState = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(loginPage);
        assertThat(viewState.find()).as("the login form has a view state").isTrue();
        String form = "login=login&login%3Ausername=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&login%3Apassword=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&login%3Asubmit=&jakarta.faces.ViewState="
                + URLEncoder.encode(viewState.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = client.send(
                HttpRequest.newBuilder(root().resolve("login.xhtml"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode())
                .as("%s redirected after signing in", user)
                .isEqualTo(302);
        return client;
    }

    private URI root() {
        String url = base.toString();
        return URI.create(url.endsWith("/") ? url : url + "/");
    }

    private static File war() {
        return new File(System.getProperty("rfm.war"));
    }
}
