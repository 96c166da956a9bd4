package dev.incidentsla.cluster.kubernetes;

import dev.incidentsla.cluster.kubernetes.ServiceSettings.Service;
import dev.incidentsla.cluster.kubernetes.StrictKubernetesModel.ServiceMonitor;
import dev.incidentsla.projection.settings.ProjectionProperties;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/kubernetes read strictly against the Kubernetes object model (fabric8's classes), and checked against the
 * services it deploys: probe paths and ports against each service's real settings, the heap against the memory limit,
 * every environment entry against the settings the code reads, credentials only from Secrets.
 */
class KubernetesManifestsTest {

    /** What kubectl apply -k is pointed at. */
    private static final List<String> ENTRY_POINTS = List.of("base", "overlays/production");

    /** BENCHMARKS.md ("Heap at 100k and 1M pending incidents"): metaspace, code cache, threads and direct buffers. */
    private static final long NON_HEAP_ROOM = 200L << 20;

    private static final Map<String, Map<String, String>> SECRETS = Map.of(
            "incident-sla-database", Map.of("username", "incidents", "password", "not-a-real-password"),
            "sla-projection-kafka", Map.of("sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"sla\" password=\"p\";"));
    private static final Map<String, Map<String, String>> OPERATOR_CONFIG_MAPS = Map.of(
            "incident-sla-jwt-issuer", Map.of("public.pem", "-----BEGIN PUBLIC KEY-----"));

    @Test
    void every_manifest_and_patch_reads_strictly_as_its_kind_and_every_one_is_deployed_by_an_entry_point() throws IOException {
        Set<Path> yamlFiles = new HashSet<>();
        Set<Path> kustomizationDirectories = new HashSet<>();
        try (Stream<Path> files = Files.walk(Manifests.KUBERNETES)) {
            files.filter(Files::isDirectory).forEach(directory -> {
                yamlFiles.addAll(Kustomize.yamlFiles(directory));
                if (Kustomize.isKustomizationDirectory(directory)) {
                    kustomizationDirectories.add(directory.normalize());
                }
            });
        }
        for (Path file : yamlFiles) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                for (ObjectNode document : StrictKubernetesModel.documents(file)) {
                    try {
                        StrictKubernetesModel.read(document);
                    } catch (RuntimeException refused) {
                        throw new AssertionError(file + ": " + refused.getMessage(), refused);
                    }
                }
            }
        }
        Set<Path> deployedFiles = new HashSet<>();
        Set<Path> deployedDirectories = new HashSet<>();
        for (String entryPoint : ENTRY_POINTS) {
            Kustomize.Rendering rendering = Manifests.render(entryPoint).rendering();
            deployedFiles.addAll(rendering.files());
            deployedDirectories.addAll(rendering.directories());
            rendering.objects().forEach(StrictKubernetesModel::read);
        }
        assertThat(deployedFiles).containsExactlyInAnyOrderElementsOf(yamlFiles);
        assertThat(deployedDirectories).containsExactlyInAnyOrderElementsOf(kustomizationDirectories);
    }

    @Test
    void the_strict_reading_refuses_what_the_api_server_refuses() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: example
                spec:
                  %s
                  selector:
                    matchLabels:
                      app: example
                  template:
                    metadata:
                      labels:
                        app: example
                    spec:
                      containers:
                        - name: example
                          image: example
                          ports:
                            - containerPort: %s
                """;
        assertThat(StrictKubernetesModel.readYaml(deployment.formatted("replicas: 2", "8080"), Deployment.class)
                .getSpec().getReplicas()).isEqualTo(2);
        assertThatThrownBy(() -> StrictKubernetesModel.readYaml(deployment.formatted("replica: 2", "8080"), Deployment.class))
                .hasMessageContaining("replica");
        assertThatThrownBy(() -> StrictKubernetesModel.readYaml(deployment.formatted("replicas: 2", "\"8080\""), Deployment.class))
                .hasMessageContaining("containerPort");
        assertThatThrownBy(() -> StrictKubernetesModel.readYaml(deployment.formatted("replicas: 2\n  replicas: 3", "8080"), Deployment.class))
                .hasMessageContaining("replicas");
        assertThatThrownBy(() -> StrictKubernetesModel.readYaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: example
                data:
                  CREATE_TOPICS: true
                """, ConfigMap.class)).hasMessageContaining("CREATE_TOPICS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void probes_scrapes_and_services_name_each_services_real_port_and_health_groups(String entryPoint) {
        Manifests manifests = Manifests.render(entryPoint);
        List<Deployment> deployments = manifests.all(Deployment.class);
        assertThat(deployments).extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrder("incident-service", "sla-projection");
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            ServiceSettings settings = new ServiceSettings(Service.named(name), manifests.environment(deployment, SECRETS, OPERATOR_CONFIG_MAPS));
            Container container = Manifests.onlyContainer(deployment);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

            assertThat(settings.managementPort()).as(name + ": management on the server's port").isEqualTo(settings.serverPort());
            assertThat(container.getPorts()).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                    .as(name + ": container port").containsExactly(org.assertj.core.groups.Tuple.tuple("http", settings.serverPort()));
            assertThat(settings.healthProbesEnabled()).as(name + ": health probes").isTrue();
            assertThat(settings.healthGroup("readiness")).as(name + ": readiness group").contains("readinessState", "db");
            assertThat(settings.healthGroup("liveness")).as(name + ": liveness group").containsExactly("livenessState");
            assertProbe(name + " readiness", container.getReadinessProbe(), settings.actuatorPath("health/readiness"), container, settings);
            assertProbe(name + " liveness", container.getLivenessProbe(), settings.actuatorPath("health/liveness"), container, settings);
            assertProbe(name + " startup", container.getStartupProbe(), settings.actuatorPath("health/liveness"), container, settings);

            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).as(name + ": scrape annotations")
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", Integer.toString(settings.managementPort()))
                    .containsEntry("prometheus.io/path", settings.actuatorPath("prometheus"));
            assertThat(podLabels).as(name + ": selector").containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(deployment.getSpec().getReplicas()).as(name + ": replicas").isGreaterThanOrEqualTo(2);

            io.fabric8.kubernetes.api.model.Service service = manifests.all(io.fabric8.kubernetes.api.model.Service.class).stream()
                    .filter(candidate -> candidate.getMetadata().getName().equals(name)).findFirst().orElseThrow();
            assertThat(podLabels).as(name + ": Service selector").containsAllEntriesOf(service.getSpec().getSelector());
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(containerPort(container, port.getTargetPort())).as(name + ": Service target port").isEqualTo(settings.serverPort());
            }

            PodDisruptionBudget budget = manifests.all(PodDisruptionBudget.class).stream()
                    .filter(candidate -> candidate.getMetadata().getName().equals(name)).findFirst().orElseThrow();
            assertThat(podLabels).as(name + ": PodDisruptionBudget selector").containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
            assertThat(budget.getSpec().getMaxUnavailable()).as(name + ": one node at a time").isEqualTo(new IntOrString(1));

            for (ServiceMonitor monitor : manifests.all(ServiceMonitor.class)) {
                if (service.getMetadata().getLabels().entrySet().containsAll(monitor.spec().selector().getMatchLabels().entrySet())) {
                    assertThat(monitor.spec().endpoints()).as(name + ": ServiceMonitor").allSatisfy(endpoint -> {
                        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName).contains(endpoint.port());
                        assertThat(endpoint.path()).isEqualTo(settings.actuatorPath("prometheus"));
                    });
                }
            }
            assertThat(pod.getEnableServiceLinks()).as(name + ": no Service variables for Spring to read").isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void each_heap_and_compiler_is_the_local_runs_and_the_heap_fits_its_memory_limit_with_room_for_the_rest_of_the_jvm(String entryPoint) throws IOException {
        String localRun = Files.readString(Manifests.KUBERNETES.getParent().resolve("local").resolve("run.sh"));
        for (Deployment deployment : Manifests.render(entryPoint).all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Container container = Manifests.onlyContainer(deployment);
            String options = container.getEnv().stream().filter(variable -> variable.getName().equals("JAVA_TOOL_OPTIONS"))
                    .map(EnvVar::getValue).findFirst().orElseThrow(() -> new AssertionError(name + " sets no JAVA_TOOL_OPTIONS"));
            long initial = bytes(option(options, "-Xms"));
            long maximum = bytes(option(options, "-Xmx"));
            Matcher local = Pattern.compile("\\[" + Pattern.quote(name) + "]=\"([^\"]*)\"").matcher(localRun);
            assertThat(local.find()).as(name + " in deploy/local/run.sh").isTrue();
            assertThat(List.of(option(options, "-Xms"), option(options, "-Xmx"))).as(name + ": heap of the local run")
                    .containsExactly(option(local.group(1), "-Xms"), option(local.group(1), "-Xmx"));
            assertThat(compilers(options)).as(name + ": compiles as in the local run").isEqualTo(compilers(local.group(1)));
            assertThat(initial).isLessThanOrEqualTo(maximum);
            Quantity limit = container.getResources().getLimits().get("memory");
            Quantity request = container.getResources().getRequests().get("memory");
            assertThat(Quantity.getAmountInBytes(limit)).as(name + ": memory limit").isGreaterThanOrEqualTo(BigDecimal.valueOf(maximum + NON_HEAP_ROOM));
            assertThat(Quantity.getAmountInBytes(request)).as(name + ": memory request, all of it reserved")
                    .isEqualTo(Quantity.getAmountInBytes(limit));
            assertThat(options).as(name + ": a process out of memory ends").contains("-XX:+ExitOnOutOfMemoryError");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void pods_run_unprivileged_on_a_read_only_root_with_a_writable_tmp(String entryPoint) {
        for (Deployment deployment : Manifests.render(entryPoint).all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            PodSecurityContext podSecurity = pod.getSecurityContext();
            assertThat(podSecurity.getRunAsNonRoot()).as(name).isTrue();
            assertThat(podSecurity.getRunAsUser()).as(name).isPositive();
            assertThat(podSecurity.getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
            Container container = Manifests.onlyContainer(deployment);
            SecurityContext security = container.getSecurityContext();
            assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(security.getCapabilities().getDrop()).as(name).containsExactly("ALL");
            VolumeMount tmp = container.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals("/tmp"))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " mounts nothing on /tmp"));
            Volume volume = pod.getVolumes().stream().filter(candidate -> candidate.getName().equals(tmp.getName())).findFirst().orElseThrow();
            assertThat(volume.getEmptyDir()).as(name + ": /tmp").isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void every_environment_entry_is_a_setting_the_service_reads_and_credentials_come_from_secrets(String entryPoint) {
        Manifests manifests = Manifests.render(entryPoint);
        assertThat(manifests.objects()).extracting(object -> object.path("kind").asString()).doesNotContain("Secret");
        Pattern credential = Pattern.compile("PASSWORD|SECRET|JAAS|TOKEN|CREDENTIAL|PRIVATE");
        for (Deployment deployment : manifests.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Container container = Manifests.onlyContainer(deployment);
            for (EnvVar variable : container.getEnv()) {
                if (credential.matcher(variable.getName()).find()) {
                    assertThat(variable.getValueFrom()).as(name + ": " + variable.getName()).isNotNull();
                    assertThat(variable.getValueFrom().getSecretKeyRef()).as(name + ": " + variable.getName() + " from a Secret").isNotNull();
                }
            }
            for (var source : container.getEnvFrom()) {
                assertThat(manifests.configMap(source.getConfigMapRef().getName()).getData().keySet())
                        .as(name + ": credentials in a ConfigMap").noneMatch(key -> credential.matcher(key).find());
            }
            Map<String, String> environment = manifests.environment(deployment, SECRETS, OPERATOR_CONFIG_MAPS);
            assertThat(SettingsTheCodeReads.unread(environment)).as(name + ": entries no service reads").isEmpty();
        }
        Map<String, String> projection = manifests.environment(manifests.deployment("sla-projection"), SECRETS, OPERATOR_CONFIG_MAPS);
        ProjectionProperties settings = SettingsTheCodeReads.projectionSettings(projection);
        assertThat(settings.kafka().bootstrapServers()).isEqualTo(projection.get("SLA_PROJECTION_KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(settings.breachesTopic()).isEqualTo(projection.get("SLA_PROJECTION_BREACHES_TOPIC"));
        assertThat(settings.warningsTopic()).isEqualTo(projection.get("SLA_PROJECTION_WARNINGS_TOPIC"));
        if (entryPoint.equals("overlays/production")) {
            assertThat(settings.kafka().createTopics()).isFalse();
            assertThat(settings.kafka().propertiesOrEmpty())
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", SECRETS.get("sla-projection-kafka").get("sasl.jaas.config"));
        }
    }

    @Test
    void a_map_entry_in_the_dashed_form_is_caught_as_unread() {
        assertThat(SettingsTheCodeReads.unread(Map.of(
                "SLA_PROJECTION_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL",
                "SLAPROJECTION_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512",
                "SLA_PROJECTION_BREACHES_TOPICS", "incident.sla.breaches",
                "SLA_PROJECTION_BREACHES_TOPIC", "incident.sla.breaches",
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://postgresql:5432/incidents")))
                .containsExactly("SLA_PROJECTION_BREACHES_TOPICS", "SLA_PROJECTION_KAFKA_PROPERTIES_SECURITY_PROTOCOL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void kubectl_kustomize_renders_what_this_test_reads(String entryPoint) throws Exception {
        assumeTrue(Stream.of(Objects.requireNonNullElse(System.getenv("PATH"), "").split(":"))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "kubectl"))), "kubectl is not installed");
        Path output = Files.createTempFile("kustomize", ".yaml");
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", Manifests.KUBERNETES.resolve(entryPoint).toString())
                    .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(kubectl.exitValue()).isZero();
            List<ObjectNode> rendered = new ArrayList<>(StrictKubernetesModel.documents(output));
            assertThat(rendered).containsExactlyInAnyOrderElementsOf(Manifests.render(entryPoint).objects());
        } finally {
            Files.delete(output);
        }
    }

    private static void assertProbe(String what, Probe probe, String path, Container container, ServiceSettings settings) {
        assertThat(probe).as(what).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(what + ": an HTTP probe").isNotNull();
        assertThat(get.getPath()).as(what + ": path").isEqualTo(path);
        assertThat(containerPort(container, get.getPort())).as(what + ": port").isEqualTo(settings.managementPort());
    }

    private static int containerPort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(candidate -> port.getStrVal().equals(candidate.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }

    private static String option(String options, String prefix) {
        return Stream.of(options.trim().split("\\s+")).filter(option -> option.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + options));
    }

    /** The JIT options among these (the projection stops at C1, the incident service compiles tiered). */
    private static List<String> compilers(String options) {
        return Stream.of(options.trim().split("\\s+")).filter(option -> option.startsWith("-XX:TieredStopAtLevel")).toList();
    }

    private static long bytes(String option) {
        Matcher size = Pattern.compile("-Xm[sx](\\d+)([kKmMgG]?)").matcher(option);
        assertThat(size.matches()).as(option).isTrue();
        long amount = Long.parseLong(size.group(1));
        return switch (size.group(2).toLowerCase()) {
            case "k" -> amount << 10;
            case "m" -> amount << 20;
            case "g" -> amount << 30;
            default -> amount;
        };
    }
}
