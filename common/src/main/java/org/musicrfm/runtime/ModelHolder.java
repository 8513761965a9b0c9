package org.musicrfm.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.musicrfm.model.ModelOptions;
import org.musicrfm.model.TorchThreads;
import org.musicrfm.model.musicgen.MusicgenModel;

/**
 * One loaded MusicGen per executor JVM and (folder, device, dtype), shared by the tasks of any job
 * (loading a checkpoint costs seconds to minutes). Sets PyTorch's intra-op threads for the calling
 * task: {@code threads} when positive, else the task's CPUs ({@code spark.task.cpus}), else the
 * process's.
 */
public final class ModelHolder {

    private static final Map<String, MusicgenModel> MODELS = new HashMap<>();

    private ModelHolder() {}

    public static synchronized MusicgenModel get(String folder, String device, String dtype, int threads) throws IOException {
        // PyTorch threads per task: the task's CPUs (spark.task.cpus), so that the executor's
        // concurrent tasks share its cores instead of each starting one thread per core of the node.
        TaskContext task = TaskContext.get();
        TorchThreads.configure(threads > 0 ? threads : task != null ? task.cpus() : TorchThreads.processCpus());
        String key = folder + "|" + device + "|" + dtype;
        MusicgenModel m = MODELS.get(key);
        if (m == null) {
            m = MusicgenModel.load(Path.of(folder), ModelOptions.parse(device, dtype).requireAvailable());
            MODELS.put(key, m);
        }
        return m;
    }

    /**
     * "gpu" becomes the GPU Spark's resource scheduling gave the calling task ("gpu:&lt;address&gt;"), so
     * that executors sharing a node use different cards; explicit "gpu:N" and "cpu" stay as they are.
     */
    public static String assignedDevice(String device) {
        TaskContext tc = TaskContext.get();
        if (!"gpu".equals(device) || tc == null || !tc.resources().contains("gpu")) {
            return device;
        }
        String[] addresses = tc.resources().apply("gpu").addresses();
        return addresses.length == 0 ? device : "gpu:" + addresses[0];
    }
}
