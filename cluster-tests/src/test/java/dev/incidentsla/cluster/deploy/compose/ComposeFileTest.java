package dev.incidentsla.cluster.deploy.compose;

import dev.incidentsla.cluster.kubernetes.SettingsTheCodeReads;
import dev.incidentsla.projection.SlaProjectionApplication;
import dev.incidentsla.service.IncidentServiceApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docker-compose.yml promises beyond starting (ComposeStartTest starts it): the order of the start, two alike
 * nodes of each service, memory for each JVM, non-root images, and the seams with the files it mounts: Prometheus
 * scrapes the file's nodes by their names and ports and finds its rules, Grafana finds its data source and dashboards.
 */
class ComposeFileTest {

    /** The project's images: each Dockerfile's exec jar runs this class (its module's Start-Class). */
    static final Map<String, String> PROGRAMS = Map.of(
            "incident-service/Dockerfile", IncidentServiceApplication.class.getName(),
            "sla-projection/Dockerfile", SlaProjectionApplication.class.getName());
    /** The part of a JVM's memory beyond its heap (metaspace, code cache, threads, direct buffers): BENCHMARKS.md. */
    private static final long BEYOND_HEAP = 200L << 20;
    /** Where the prom/prometheus image reads its configuration, and grafana/grafana its provisioning. */
    private static final String PROMETHEUS_CONFIGURATION = "/etc/prometheus/prometheus.yml";
    private static final String GRAFANA_PROVISIONING = "/etc/grafana/provisioning";

    private static ComposeFile compose;

    @BeforeAll
    static void read() throws IOException {
        compose = ComposeFile.ofRepository(Map.of("POSTGRES_PASSWORD", "test-password",
                "GRAFANA_ADMIN_PASSWORD", "test-password", "JWT_ISSUER_URI", "https://issuer.test"));
    }

    @Test
    void every_service_starts_after_what_it_needs_is_healthy_and_the_projection_after_the_event_stores_owner() {
        for (String name : compose.serviceNames()) {
            compose.service(name).dependsOn().forEach((dependency, condition) -> {
                assertThat(condition).as("%s waits for %s", name, dependency).isEqualTo("service_healthy");
                assertThat(compose.service(dependency).definition()).as("health check of %s", dependency).containsKey("healthcheck");
            });
        }
        assertThat(compose.service("incident-service-1").dependsOn()).containsKeys("postgres", "kafka");
        assertThat(compose.service("sla-projection-1").dependsOn()).containsKeys("postgres", "kafka", "incident-service-1");
    }

    @Test
    void each_service_runs_two_alike_nodes_that_differ_only_in_their_host_port() {
        Map<Path, List<ComposeFile.Service>> byImage = new TreeMap<>();
        for (ComposeFile.Service service : builtServices()) {
            byImage.computeIfAbsent(service.dockerfile().orElseThrow(), any -> new ArrayList<>()).add(service);
        }
        assertThat(byImage.keySet()).containsExactlyInAnyOrder(
                PROGRAMS.keySet().stream().map(ComposeFile.repository()::resolve).toArray(Path[]::new));
        byImage.forEach((dockerfile, nodes) -> {
            assertThat(nodes).as("nodes built from %s", dockerfile).hasSize(2);
            assertThat(withoutPorts(nodes.get(1))).as(nodes.get(1).name()).isEqualTo(withoutPorts(nodes.get(0)));
        });
        List<String> hostPorts = compose.serviceNames().stream()
                .flatMap(name -> compose.service(name).publishedPorts().stream()).toList();
        assertThat(hostPorts).doesNotHaveDuplicates();
    }

    @Test
    void each_container_memory_limit_holds_its_heap_and_what_a_jvm_needs_beyond_it() throws IOException {
        for (ComposeFile.Service service : builtServices()) {
            Map<String, String> environment = new LinkedHashMap<>(Dockerfile.read(service.dockerfile().orElseThrow()).environment());
            environment.putAll(service.environment());
            long heap = Sizes.maxHeap(environment.getOrDefault("JAVA_TOOL_OPTIONS", "")).orElseThrow(() ->
                    new AssertionError(service.name() + " sets no -Xmx in JAVA_TOOL_OPTIONS"));
            assertThat(service.memoryLimit()).as("mem_limit of %s", service.name()).isPresent();
            assertThat(service.memoryLimit().get()).as("mem_limit of %s, heap %d MB", service.name(), heap >> 20)
                    .isGreaterThanOrEqualTo(heap + BEYOND_HEAP);
        }
    }

    /** An optional setting misspelt would start a service all the same, and be ignored. */
    @Test
    void every_setting_the_file_and_the_images_give_a_service_is_one_the_code_reads() throws IOException {
        for (ComposeFile.Service service : builtServices()) {
            Map<String, String> environment = new LinkedHashMap<>(Dockerfile.read(service.dockerfile().orElseThrow()).environment());
            environment.putAll(service.environment());
            assertThat(SettingsTheCodeReads.unread(environment)).as("settings of %s that no service reads", service.name())
                    .isEmpty();
        }
    }

    @Test
    void the_images_run_as_a_numeric_non_root_user() throws IOException {
        for (String dockerfile : PROGRAMS.keySet()) {
            String user = Dockerfile.read(ComposeFile.repository().resolve(dockerfile)).user().orElseThrow(() ->
                    new AssertionError(dockerfile + " sets no USER: its container would run as root"));
            assertThat(user).as("USER of %s", dockerfile).matches("[1-9][0-9]*(:[0-9]+)?");
        }
    }

    /** An image's JVM gets the local run's heap and compiler: the projection stops at C1 (BENCHMARKS.md). */
    @Test
    void each_image_runs_the_heap_and_compiler_of_the_local_run() throws IOException {
        String localRun = Files.readString(ComposeFile.repository().resolve("deploy/local/run.sh"));
        for (String dockerfile : PROGRAMS.keySet()) {
            String module = dockerfile.substring(0, dockerfile.indexOf('/'));
            String image = Dockerfile.read(ComposeFile.repository().resolve(dockerfile)).environment()
                    .getOrDefault("JAVA_TOOL_OPTIONS", "");
            Matcher local = Pattern.compile("\\[" + Pattern.quote(module) + "]=\"([^\"]*)\"").matcher(localRun);
            assertThat(local.find()).as(module + " in deploy/local/run.sh").isTrue();
            assertThat(heapAndCompiler(image)).as("JAVA_TOOL_OPTIONS of %s", dockerfile)
                    .isEqualTo(heapAndCompiler(local.group(1)));
        }
    }

    private static List<String> heapAndCompiler(String options) {
        return Stream.of(options.trim().split("\\s+"))
                .filter(option -> option.startsWith("-Xms") || option.startsWith("-Xmx") || option.startsWith("-XX:TieredStopAtLevel"))
                .toList();
    }

    @Test
    void every_file_the_services_mount_is_in_the_repository() {
        for (String name : compose.serviceNames()) {
            for (ComposeFile.BindMount mount : compose.service(name).bindMounts()) {
                assertThat(mount.source()).as("mounted into %s at %s", name, mount.target()).exists();
            }
        }
    }

    @Test
    void prometheus_scrapes_every_node_by_its_name_and_port_and_finds_its_rules_where_the_file_mounts_them()
            throws IOException {
        ComposeFile.Service prometheus = compose.service("prometheus");
        Path configuration = mounted(prometheus, PROMETHEUS_CONFIGURATION);
        Map<String, Object> settings = ComposeFile.map(yaml(configuration), configuration.toString());
        List<String> targets = new ArrayList<>();
        for (Object job : (List<?>) settings.get("scrape_configs")) {
            for (Object group : (List<?>) ComposeFile.map(job, "scrape_configs").getOrDefault("static_configs", List.of())) {
                targets.addAll(ComposeFile.strings(ComposeFile.map(group, "static_configs").get("targets"), "targets"));
            }
        }
        List<String> nodes = builtServices().stream()
                .map(service -> service.name() + ":" + service.environment().get("SERVER_PORT")).toList();
        assertThat(targets).as("scrape targets of %s", configuration).containsExactlyInAnyOrderElementsOf(nodes);

        String directory = PROMETHEUS_CONFIGURATION.substring(0, PROMETHEUS_CONFIGURATION.lastIndexOf('/'));
        for (String rules : ComposeFile.strings(settings.get("rule_files"), "rule_files")) {
            String pattern = rules.startsWith("/") ? rules : directory + "/" + rules;
            Path rulesDirectory = mounted(prometheus, pattern.substring(0, pattern.lastIndexOf('/')));
            PathMatcher matcher = rulesDirectory.getFileSystem()
                    .getPathMatcher("glob:" + pattern.substring(pattern.lastIndexOf('/') + 1));
            try (Stream<Path> files = Files.list(rulesDirectory)) {
                assertThat(files.filter(file -> matcher.matches(file.getFileName())).toList())
                        .as("rule files %s, in %s", rules, rulesDirectory).isNotEmpty();
            }
        }
    }

    @Test
    void grafana_queries_the_files_prometheus_and_finds_its_dashboards_where_the_file_mounts_them() throws IOException {
        ComposeFile.Service grafana = compose.service("grafana");
        Path provisioning = mounted(grafana, GRAFANA_PROVISIONING);
        List<String> prometheusAddresses = compose.service("prometheus").containerPorts().stream()
                .map(port -> "prometheus:" + port).toList();
        List<String> datasources = new ArrayList<>();
        for (Path file : yamlFiles(provisioning.resolve("datasources"))) {
            for (Object datasource : (List<?>) ComposeFile.map(yaml(file), file.toString()).getOrDefault("datasources", List.of())) {
                URI url = URI.create(String.valueOf(ComposeFile.map(datasource, file.toString()).get("url")));
                datasources.add(url.getHost() + ":" + url.getPort());
            }
        }
        assertThat(datasources).as("Grafana's data sources").isNotEmpty().allMatch(prometheusAddresses::contains);

        List<String> dashboardPaths = new ArrayList<>();
        for (Path file : yamlFiles(provisioning.resolve("dashboards"))) {
            for (Object provider : (List<?>) ComposeFile.map(yaml(file), file.toString()).getOrDefault("providers", List.of())) {
                Map<String, Object> options = ComposeFile.map(ComposeFile.map(provider, file.toString()).get("options"), "options");
                dashboardPaths.add(String.valueOf(options.get("path")));
            }
        }
        assertThat(dashboardPaths).as("Grafana's dashboard providers").isNotEmpty();
        for (String path : dashboardPaths) {
            try (Stream<Path> files = Files.walk(mounted(grafana, path))) {
                assertThat(files.filter(file -> file.toString().endsWith(".json")).toList()).as("dashboards in %s", path).isNotEmpty();
            }
        }
    }

    /** The services built from the project's Dockerfiles: the nodes of the incident service and the projection. */
    private static List<ComposeFile.Service> builtServices() {
        return compose.serviceNames().stream().map(compose::service).filter(service -> service.dockerfile().isPresent()).toList();
    }

    /** The host path the service sees at {@code target}, through one of its bind mounts. */
    private static Path mounted(ComposeFile.Service service, String target) {
        for (ComposeFile.BindMount mount : service.bindMounts()) {
            if (target.equals(mount.target()) || target.startsWith(mount.target() + "/")) {
                return mount.source().resolve(target.substring(mount.target().length()).replaceFirst("^/", ""));
            }
        }
        throw new AssertionError(service.name() + " has nothing of the repository mounted at " + target);
    }

    private static Map<String, Object> withoutPorts(ComposeFile.Service service) {
        Map<String, Object> definition = new LinkedHashMap<>(service.definition());
        definition.remove("ports");
        return definition;
    }

    private static List<Path> yamlFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml")).sorted().toList();
        }
    }

    private static Object yaml(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }
}
