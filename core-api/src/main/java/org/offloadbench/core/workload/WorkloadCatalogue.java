package org.offloadbench.core.workload;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Every workload on the classpath, built-in or user-supplied, found with {@link ServiceLoader}.
 * Built-ins are registered the same way (core's own {@code META-INF/services}), so a user workload is a
 * peer of them, not a special case.
 */
public final class WorkloadCatalogue {

    private final Map<String, Workload> byId;

    private WorkloadCatalogue(Map<String, Workload> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** Loads every workload visible to this class's class loader. */
    public static WorkloadCatalogue load() {
        return load(WorkloadCatalogue.class.getClassLoader());
    }

    public static WorkloadCatalogue load(ClassLoader loader) {
        Map<String, Workload> found = new TreeMap<>();
        for (Workload workload : ServiceLoader.load(Workload.class, loader)) {
            Workload previous = found.putIfAbsent(workload.id(), workload);
            if (previous != null && previous.getClass() != workload.getClass()) {
                throw new IllegalStateException("two workloads share the id '" + workload.id() + "': "
                        + previous.getClass().getName() + " and " + workload.getClass().getName());
            }
        }
        return new WorkloadCatalogue(found);
    }

    /** A catalogue of exactly these workloads (tests, and callers that filter). */
    public static WorkloadCatalogue of(List<Workload> workloads) {
        Map<String, Workload> found = new TreeMap<>();
        for (Workload workload : workloads) {
            if (found.putIfAbsent(workload.id(), workload) != null) {
                throw new IllegalArgumentException("duplicate workload id '" + workload.id() + "'");
            }
        }
        return new WorkloadCatalogue(found);
    }

    /**
     * @throws IllegalArgumentException naming the valid ids when {@code id} is unknown
     */
    public Workload get(String id) {
        Workload workload = byId.get(id);
        if (workload == null) {
            throw new IllegalArgumentException("unknown workload '" + id + "'; valid: " + String.join(", ", ids()));
        }
        return workload;
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public List<Workload> all() {
        return List.copyOf(byId.values());
    }
}
