package io.edgerouter.k8s.validate;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every selector (Service, PDB, NetworkPolicy, Kafka listener peers) and HPA target must find a workload of the build, and
 * every Ingress backend a Service port of the build.
 */
final class SelectorRules {

    private SelectorRules() {
    }

    static void check(String build, List<Manifest> resources, List<Problem> out) {
        List<PodTemplateSpec> pods = resources.stream().map(m -> WorkloadRules.template(m.model()))
                .filter(Objects::nonNull).toList();
        for (Manifest m : resources) {
            String where = build + " " + m.id() + " [" + m.where() + "]";
            workloadSelector(m, where, out);
            if (m.model() instanceof Service s && s.getSpec() != null && !s.getSpec().getSelector().isEmpty()) {
                LabelSelector selector = new LabelSelector(List.of(), s.getSpec().getSelector());
                List<PodTemplateSpec> hits = matching(selector, pods);
                if (hits.isEmpty()) {
                    out.add(new Problem(where, "spec.selector", s.getSpec().getSelector() + " selects no workload of this build"));
                }
                for (ServicePort port : s.getSpec().getPorts()) {
                    String name = port.getTargetPort() == null ? null : port.getTargetPort().getStrVal();
                    if (name != null && hits.stream().flatMap(p -> p.getSpec().getContainers().stream())
                            .flatMap(c -> c.getPorts().stream()).noneMatch(p -> name.equals(p.getName()))) {
                        out.add(new Problem(where, "spec.ports", "targetPort '" + name + "' is no container port of the selected pods"));
                    }
                }
            } else if (m.model() instanceof PodDisruptionBudget pdb && pdb.getSpec() != null) {
                required(pdb.getSpec().getSelector(), pods, where, "spec.selector", out);
            } else if (m.model() instanceof Ingress ingress && ingress.getSpec() != null) {
                ingress(ingress, resources, where, out);
            } else if (m.model() instanceof NetworkPolicy np && np.getSpec() != null) {
                networkPolicy(np, pods, where, out);
            } else if (m.model() instanceof HorizontalPodAutoscaler hpa && hpa.getSpec() != null) {
                var ref = hpa.getSpec().getScaleTargetRef();
                if (resources.stream().noneMatch(r -> r.kind().equals(ref.getKind()) && r.name().equals(ref.getName()))) {
                    out.add(new Problem(where, "spec.scaleTargetRef", ref.getKind() + "/" + ref.getName() + " is not in this build"));
                }
            } else if (m.model() instanceof Kafka k && k.getSpec() != null && k.getSpec().getKafka() != null) {
                List<GenericKafkaListener> listeners = k.getSpec().getKafka().getListeners();
                for (int i = 0; i < listeners.size(); i++) {
                    peers(listeners.get(i).getNetworkPolicyPeers(), pods, where, "spec.kafka.listeners[" + i + "].networkPolicyPeers", out);
                }
            }
        }
    }

    private static void workloadSelector(Manifest m, String where, List<Problem> out) {
        LabelSelector selector = m.model() instanceof Deployment d && d.getSpec() != null ? d.getSpec().getSelector()
                : m.model() instanceof DaemonSet d && d.getSpec() != null ? d.getSpec().getSelector() : null;
        PodTemplateSpec t = WorkloadRules.template(m.model());
        if (t != null && (selector == null || !matches(selector, t.getMetadata().getLabels()))) {
            out.add(new Problem(where, "spec.selector", "does not match the pod template's labels"));
        }
    }

    private static void ingress(Ingress ingress, List<Manifest> resources, String where, List<Problem> out) {
        var rules = ingress.getSpec().getRules();
        for (int i = 0; i < rules.size(); i++) {
            List<HTTPIngressPath> paths = rules.get(i).getHttp() == null ? List.of() : rules.get(i).getHttp().getPaths();
            for (int j = 0; j < paths.size(); j++) {
                IngressServiceBackend backend = paths.get(j).getBackend() == null ? null : paths.get(j).getBackend().getService();
                if (backend != null) {
                    backend(backend, resources, where, "spec.rules[" + i + "].http.paths[" + j + "].backend.service", out);
                }
            }
        }
        if (ingress.getSpec().getDefaultBackend() != null && ingress.getSpec().getDefaultBackend().getService() != null) {
            backend(ingress.getSpec().getDefaultBackend().getService(), resources, where, "spec.defaultBackend.service", out);
        }
    }

    private static void backend(IngressServiceBackend backend, List<Manifest> resources, String where, String path, List<Problem> out) {
        Service service = resources.stream().filter(r -> r.model() instanceof Service && r.name().equals(backend.getName()))
                .map(r -> (Service) r.model()).findFirst().orElse(null);
        if (service == null) {
            out.add(new Problem(where, path + ".name", "Service '" + backend.getName() + "' is not in this build"));
            return;
        }
        var port = backend.getPort();
        List<ServicePort> ports = service.getSpec() == null ? List.of() : service.getSpec().getPorts();
        boolean found = port != null && ports.stream().anyMatch(p -> port.getName() != null ? port.getName().equals(p.getName())
                : port.getNumber() != null && port.getNumber().equals(p.getPort()));
        if (!found) {
            out.add(new Problem(where, path + ".port", (port == null ? "missing" : "'" + (port.getName() != null ? port.getName()
                    : port.getNumber()) + "'") + " is no port of Service '" + backend.getName() + "'"));
        }
    }

    private static void networkPolicy(NetworkPolicy np, List<PodTemplateSpec> pods, String where, List<Problem> out) {
        LabelSelector selector = np.getSpec().getPodSelector();
        boolean all = selector == null || (selector.getMatchLabels().isEmpty() && selector.getMatchExpressions().isEmpty());
        if (!all) {
            required(selector, pods, where, "spec.podSelector", out);
        }
        List<NetworkPolicyIngressRule> ingress = np.getSpec().getIngress();
        for (int i = 0; i < ingress.size(); i++) {
            peers(ingress.get(i).getFrom(), pods, where, "spec.ingress[" + i + "].from", out);
        }
    }

    /** A peer that selects pods of this namespace only must select a workload of the build. */
    private static void peers(List<NetworkPolicyPeer> peers, List<PodTemplateSpec> pods, String where, String path, List<Problem> out) {
        for (int i = 0; i < peers.size(); i++) {
            NetworkPolicyPeer peer = peers.get(i);
            if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null && peer.getIpBlock() == null) {
                required(peer.getPodSelector(), pods, where, path + "[" + i + "].podSelector", out);
            }
        }
    }

    private static void required(LabelSelector selector, List<PodTemplateSpec> pods, String where, String path, List<Problem> out) {
        if (selector == null || matching(selector, pods).isEmpty()) {
            out.add(new Problem(where, path, describe(selector) + " selects no workload of this build"));
        }
    }

    private static List<PodTemplateSpec> matching(LabelSelector selector, List<PodTemplateSpec> pods) {
        return pods.stream().filter(p -> p.getMetadata() != null && matches(selector, p.getMetadata().getLabels())).toList();
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
            String value = labels.get(r.getKey());
            boolean ok = switch (r.getOperator()) {
                case "In" -> value != null && r.getValues().contains(value);
                case "NotIn" -> value == null || !r.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String describe(LabelSelector selector) {
        return selector == null ? "no selector" : "selector " + selector.getMatchLabels()
                + (selector.getMatchExpressions().isEmpty() ? "" : " " + selector.getMatchExpressions().size() + " expression(s)");
    }
}
