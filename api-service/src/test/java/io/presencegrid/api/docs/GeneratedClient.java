package io.presencegrid.api.docs;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A Java client made from a live OpenAPI document the way a team integrating the API would make it:
 * openapi-generator's CLI ({@code java}, library {@code native}: the JDK's HttpClient and Jackson), the
 * sources compiled with the JDK's compiler and loaded beside the test. Tests call it by name through
 * reflection, since its classes do not exist when the tests are compiled; models go in and come out as
 * JSON through the client's own ObjectMapper, so what a test reads is what the generated models kept.
 */
final class GeneratedClient {

    /** Copied there by the dependency plugin before the integration tests (api-service/pom.xml). */
    static final Path GENERATOR = Path.of("target", "tools", "openapi-generator-cli.jar");
    private static final String PACKAGE = "io.presencegrid.client";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClassLoader classes;
    private final String baseUri;

    private GeneratedClient(ClassLoader classes, String baseUri) {
        this.classes = classes;
        this.baseUri = baseUri;
    }

    /** Generates from {@code documentUrl} into {@code directory}, compiles, loads; the client calls {@code baseUri}. */
    static GeneratedClient generate(String documentUrl, String baseUri, Path directory) throws Exception {
        Path sources = directory.resolve("sources");
        Path compiled = directory.resolve("classes");
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", GENERATOR.toString(),
                "generate", "-i", documentUrl, "-g", "java", "--library", "native", "-o", sources.toString(),
                "--api-package", PACKAGE + ".api", "--model-package", PACKAGE + ".model", "--invoker-package", PACKAGE,
                "--global-property", "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false",
                "--additional-properties", "openApiNullable=false,hideGenerationTimestamp=true,useJakartaEe=true"),
                directory.resolve("generator.log"));
        compile(sources.resolve(Path.of("src", "main", "java")), compiled);
        URLClassLoader loader = new URLClassLoader(new URL[] {compiled.toUri().toURL()}, GeneratedClient.class.getClassLoader());
        return new GeneratedClient(loader, baseUri);
    }

    /** The generated {@code <tag>Api} (PresenceApi, SubscriptionsApi, ...) sending {@code token}, or none when null. */
    Object api(String name, String token) throws Exception {
        Object client = type("ApiClient").getConstructor().newInstance();
        client.getClass().getMethod("updateBaseUri", String.class).invoke(client, baseUri);
        if (token != null) {
            Consumer<HttpRequest.Builder> bearer = request -> request.header("Authorization", "Bearer " + token);
            client.getClass().getMethod("setRequestInterceptor", Consumer.class).invoke(client, bearer);
        }
        return Class.forName(PACKAGE + ".api." + name, true, classes).getConstructor(client.getClass()).newInstance(client);
    }

    /**
     * Calls the operation {@code operationId} of {@code api}; models are given and answered as JSON.
     *
     * @throws Failure with the decoded problem when the API answered with an error status
     */
    JsonNode call(Object api, String operationId, Object... arguments) throws Exception {
        Method operation = Arrays.stream(api.getClass().getMethods())
                .filter(method -> method.getName().equals(operationId) && method.getParameterCount() == arguments.length)
                .findFirst().orElseThrow(() -> new AssertionError("the generated " + api.getClass().getSimpleName()
                        + " has no " + operationId + " of " + arguments.length + " arguments"));
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = arguments[i] instanceof JsonNode model ? mapper().readValue(model.toString(), operation.getParameterTypes()[i])
                    : arguments[i];
        }
        try {
            Object answer = operation.invoke(api, values);
            return answer == null ? null : JSON.readTree(mapper().writeValueAsString(answer));
        } catch (InvocationTargetException e) {
            throw failure(e.getCause());
        }
    }

    /** An error answer as the generated client reports it, its body decoded with the generated Problem model. */
    static final class Failure extends Exception {

        final int status;
        final JsonNode problem;
        final HttpHeaders headers;

        Failure(int status, JsonNode problem, HttpHeaders headers) {
            super("HTTP " + status + ": " + problem);
            this.status = status;
            this.problem = problem;
            this.headers = headers;
        }
    }

    private Exception failure(Throwable thrown) throws Exception {
        if (!type("ApiException").isInstance(thrown)) {
            return thrown instanceof Exception exception ? exception : new IllegalStateException(thrown);
        }
        int status = (int) thrown.getClass().getMethod("getCode").invoke(thrown);
        String body = (String) thrown.getClass().getMethod("getResponseBody").invoke(thrown);
        HttpHeaders headers = (HttpHeaders) thrown.getClass().getMethod("getResponseHeaders").invoke(thrown);
        Object problem = mapper().readValue(body, Class.forName(PACKAGE + ".model.Problem", true, classes));
        return new Failure(status, JSON.readTree(mapper().writeValueAsString(problem)), headers);
    }

    /** The generated client's own Jackson 2 mapper, with the settings its models were written for. */
    private com.fasterxml.jackson.databind.ObjectMapper mapper() throws Exception {
        Object client = type("ApiClient").getConstructor().newInstance();
        return (com.fasterxml.jackson.databind.ObjectMapper) client.getClass().getMethod("getObjectMapper").invoke(client);
    }

    private Class<?> type(String simpleName) throws ClassNotFoundException {
        return Class.forName(PACKAGE + "." + simpleName, true, classes);
    }

    private static void compile(Path sources, Path compiled) throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(file -> file.toString().endsWith(".java")).map(Path::toString).toList();
        }
        Files.createDirectories(compiled);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new java.util.ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn",
                "-encoding", "UTF-8", "-classpath", System.getProperty("java.class.path"), "-d", compiled.toString()));
        arguments.addAll(files);
        int exit = javac.run(null, null, null, arguments.toArray(String[]::new));
        if (exit != 0) {
            throw new AssertionError("the generated client does not compile (javac exit " + exit + ", errors above)");
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("openapi-generator took over 3 minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("openapi-generator failed (exit " + process.exitValue() + "):\n" + Files.readString(log));
        }
    }
}
