package io.edgerouter.k8s.validate;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Every container of every workload: probes, resources, a locked-down security context, a pinned image. */
final class WorkloadRules {

    private WorkloadRules() {
    }

    static PodTemplateSpec template(Object model) {
        if (model instanceof Deployment d && d.getSpec() != null) {
            return d.getSpec().getTemplate();
        }
        if (model instanceof DaemonSet d && d.getSpec() != null) {
            return d.getSpec().getTemplate();
        }
        if (model instanceof StatefulSet s && s.getSpec() != null) {
            return s.getSpec().getTemplate();
        }
        return null;
    }

    static void check(String build, List<Manifest> resources, List<Problem> out) {
        Map<String, ConfigMap> configMaps = resources.stream().filter(m -> m.model() instanceof ConfigMap)
                .collect(Collectors.toMap(Manifest::name, m -> (ConfigMap) m.model(), (a, b) -> a));
        for (Manifest m : resources) {
            PodTemplateSpec t = template(m.model());
            if (t == null || t.getSpec() == null) {
                continue;
            }
            String where = build + " " + m.id() + " [" + m.where() + "]";
            PodSpec spec = t.getSpec();
            if (Boolean.TRUE.equals(spec.getHostNetwork())) {
                out.add(new Problem(where, "spec.template.spec.hostNetwork", "must be false"));
            }
            Set<String> volumes = spec.getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
            for (int i = 0; i < spec.getContainers().size(); i++) {
                Container c = spec.getContainers().get(i);
                String path = "spec.template.spec.containers[" + i + "]";
                probes(c, where, path, out);
                resources(c, where, path, out);
                security(c, spec.getSecurityContext(), where, path, out);
                mounts(c, volumes, where, path, out);
                configRefs(c, configMaps, where, path, out);
                if (c.getImage() == null || !(c.getImage().contains("@") || c.getImage().matches(".*:[^/]+"))
                        || c.getImage().endsWith(":latest")) {
                    out.add(new Problem(where, path + ".image", "'" + c.getImage() + "' must carry a tag other than latest, or a digest"));
                }
            }
        }
    }

    private static void probes(Container c, String where, String path, List<Problem> out) {
        Probe[] probes = {c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()};
        String[] names = {"startupProbe", "livenessProbe", "readinessProbe"};
        Set<String> portNames = c.getPorts().stream().map(p -> p.getName()).filter(Objects::nonNull).collect(Collectors.toSet());
        for (int i = 0; i < probes.length; i++) {
            if (probes[i] == null) {
                out.add(new Problem(where, path + "." + names[i], "missing"));
            } else if (probes[i].getHttpGet() != null && probes[i].getHttpGet().getPort() != null
                    && probes[i].getHttpGet().getPort().getStrVal() != null
                    && !portNames.contains(probes[i].getHttpGet().getPort().getStrVal())) {
                out.add(new Problem(where, path + "." + names[i] + ".httpGet.port",
                        "'" + probes[i].getHttpGet().getPort().getStrVal() + "' is not a port name of the container " + portNames));
            }
        }
    }

    private static void resources(Container c, String where, String path, List<Problem> out) {
        Map<String, Quantity> requests = c.getResources() == null ? Map.of() : c.getResources().getRequests();
        Map<String, Quantity> limits = c.getResources() == null ? Map.of() : c.getResources().getLimits();
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = requests.get(resource);
            Quantity limit = limits.get(resource);
            if (request == null || limit == null) {
                out.add(new Problem(where, path + ".resources", "needs requests and limits for " + resource));
            } else if (request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                out.add(new Problem(where, path + ".resources", resource + " request " + request + " exceeds limit " + limit));
            }
        }
    }

    private static void security(Container c, PodSecurityContext pod, String where, String path, List<Problem> out) {
        SecurityContext s = c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
        PodSecurityContext p = pod == null ? new PodSecurityContext() : pod;
        String at = path + ".securityContext";
        if (!Boolean.TRUE.equals(s.getRunAsNonRoot()) && !Boolean.TRUE.equals(p.getRunAsNonRoot())) {
            out.add(new Problem(where, at + ".runAsNonRoot", "must be true (here or in the pod's securityContext)"));
        }
        if (!Boolean.FALSE.equals(s.getAllowPrivilegeEscalation())) {
            out.add(new Problem(where, at + ".allowPrivilegeEscalation", "must be false"));
        }
        if (Boolean.TRUE.equals(s.getPrivileged())) {
            out.add(new Problem(where, at + ".privileged", "must not be true"));
        }
        if (!Boolean.TRUE.equals(s.getReadOnlyRootFilesystem())) {
            out.add(new Problem(where, at + ".readOnlyRootFilesystem", "must be true"));
        } else if (c.getVolumeMounts().stream().noneMatch(v -> "/tmp".equals(v.getMountPath()))) {
            out.add(new Problem(where, path + ".volumeMounts", "a read-only root filesystem needs a volume at /tmp (java.io.tmpdir)"));
        }
        Capabilities caps = s.getCapabilities();
        if (caps == null || !caps.getDrop().contains("ALL")) {
            out.add(new Problem(where, at + ".capabilities.drop", "must contain ALL"));
        }
        SeccompProfile seccomp = s.getSeccompProfile() != null ? s.getSeccompProfile() : p.getSeccompProfile();
        if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
            out.add(new Problem(where, at + ".seccompProfile.type", "must be RuntimeDefault or Localhost (here or in the pod)"));
        }
    }

    private static void mounts(Container c, Set<String> volumes, String where, String path, List<Problem> out) {
        for (VolumeMount v : c.getVolumeMounts()) {
            if (!volumes.contains(v.getName())) {
                out.add(new Problem(where, path + ".volumeMounts", "mounts '" + v.getName() + "', which is not a volume of the pod " + volumes));
            }
        }
    }

    /** ConfigMaps ship with the manifests, so every reference to one must resolve. Secrets come from outside. */
    private static void configRefs(Container c, Map<String, ConfigMap> configMaps, String where, String path, List<Problem> out) {
        c.getEnvFrom().stream().filter(e -> e.getConfigMapRef() != null && !Boolean.TRUE.equals(e.getConfigMapRef().getOptional()))
                .filter(e -> !configMaps.containsKey(e.getConfigMapRef().getName()))
                .forEach(e -> out.add(new Problem(where, path + ".envFrom", "ConfigMap '" + e.getConfigMapRef().getName() + "' is not in this build")));
        c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null)
                .map(e -> e.getValueFrom().getConfigMapKeyRef())
                .filter(r -> !Boolean.TRUE.equals(r.getOptional()))
                .filter(r -> !configMaps.containsKey(r.getName()) || !configMaps.get(r.getName()).getData().containsKey(r.getKey()))
                .forEach(r -> out.add(new Problem(where, path + ".env", "ConfigMap key '" + r.getName() + "/" + r.getKey() + "' is not in this build")));
    }
}
