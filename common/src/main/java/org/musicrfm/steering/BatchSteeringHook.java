package org.musicrfm.steering;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.TreeSet;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.HookContext;

/**
 * A batch of independent clips, each steered by its own {@link SteeringPlan}: batch row {@code i} of
 * a block's output belongs to clip {@code i mod n} ({@code n} plans; the generation batch is
 * {@code [clips; unconditional rows of the same clips]} under classifier-free guidance, or the clips
 * alone), and gets its plan's addition for that row's CFG group at the step that produced each
 * position — the values the plan's own {@link SteeringHook} adds. Plans may differ in directions,
 * η0, weighting, schedule, gate and CFG rows; a no-op plan's rows get zeros. Per forward call it
 * builds the steered blocks' {@code [rows, T, H]} additions in one host-to-device copy (when they fit
 * in {@link SteeringHook#BULK_LIMIT} floats, else block by block); a block no plan steers costs nothing. Not thread-safe; close it when the generation is done.
 */
public final class BatchSteeringHook implements BlockHook, AutoCloseable {

    private final List<SteeringPlan> plans;
    private final NDManager parent;
    private final int hiddenSize;
    private final int[] layers; // steered by some plan, ascending
    private final boolean[] steered; // by layer

    private NDManager entry;
    private HookContext key;
    private int keyLength;
    private long keyBatch;
    private DataType keyType;
    private NDArray[] vectors; // by layer; null: nothing added
    private boolean[] built;

    /** A hook for clips steered by {@code plans} (one per clip, in batch order), arrays owned by a sub-manager of {@code manager}. */
    public BatchSteeringHook(List<SteeringPlan> plans, NDManager manager) {
        if (plans.isEmpty()) {
            throw new IllegalArgumentException("no plans: expected one per clip of the batch");
        }
        this.plans = List.copyOf(plans);
        this.parent = manager;
        int h = -1;
        TreeSet<Integer> ls = new TreeSet<>();
        for (int i = 0; i < this.plans.size(); i++) {
            SteeringPlan p = this.plans.get(i);
            if (p.isNoop()) {
                continue;
            }
            if (h >= 0 && p.hiddenSize() != h) {
                throw new IllegalArgumentException("plan of clip " + i + " has hidden size " + p.hiddenSize()
                        + " but an earlier clip's has " + h + ": one batch steers one model");
            }
            h = p.hiddenSize();
            ls.addAll(p.layers());
        }
        this.hiddenSize = h;
        this.layers = ls.stream().mapToInt(Integer::intValue).toArray();
        this.steered = new boolean[ls.isEmpty() ? 0 : ls.last() + 1];
        for (int l : layers) {
            steered[l] = true;
        }
    }

    /** The plans, one per clip. */
    public List<SteeringPlan> plans() {
        return plans;
    }

    /** True when no plan adds anything (the batch can run without a hook). */
    public boolean isNoop() {
        return layers.length == 0;
    }

    /** Checks every plan against a model with {@code numLayers} blocks of width {@code hidden}. */
    public void validateFor(int numLayers, long hidden) {
        for (int i = 0; i < plans.size(); i++) {
            try {
                plans.get(i).validateFor(numLayers, hidden);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("plan of clip " + i + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public NDArray apply(int layer, NDArray hidden, HookContext context) {
        if (layer < 0 || layer >= steered.length || !steered[layer]) {
            return hidden;
        }
        Shape s = hidden.getShape();
        int n = plans.size();
        if (s.dimension() != 3 || s.get(2) != hiddenSize || (s.get(0) != n && s.get(0) != 2L * n)) {
            throw new IllegalArgumentException("steering block " + layer + ": hidden state " + s + " is not [B, T, "
                    + hiddenSize + "] with B = " + n + " clips or " + 2 * n + " (with their unconditional rows)");
        }
        int length = (int) s.get(1);
        if (!context.equals(key) || length != keyLength || s.get(0) != keyBatch || hidden.getDataType() != keyType) {
            reset(hidden, context, length, s.get(0));
        }
        if (!built[layer]) {
            build(layer);
        }
        NDArray v = vectors[layer];
        return v == null ? hidden : hidden.add(v);
    }

    private void reset(NDArray hidden, HookContext context, int length, long batch) {
        if (entry != null) {
            entry.close();
        }
        entry = parent.newSubManager(hidden.getDevice());
        key = context;
        keyLength = length;
        keyBatch = batch;
        keyType = hidden.getDataType();
        vectors = new NDArray[steered.length];
        built = new boolean[steered.length];
    }

    /** Builds every steered block's additions in one copy when they fit in {@link SteeringHook#BULK_LIMIT} floats, else {@code layer}'s. */
    private void build(int layer) {
        int rows = (int) keyBatch;
        int per = rows * keyLength * hiddenSize;
        int[] todo = (long) per * layers.length <= SteeringHook.BULK_LIMIT ? layers : new int[] {layer};
        float[] data = new float[per * todo.length];
        boolean[] nonzero = new boolean[todo.length];
        double[] acc = new double[hiddenSize];
        int n = plans.size();
        for (int j = 0; j < todo.length; j++) {
            built[todo[j]] = true;
            for (int r = 0; r < rows; r++) {
                SteeringPlan p = plans.get(r % n);
                boolean conditional = key.isConditional(r);
                for (int t = 0; t < keyLength; t++) {
                    nonzero[j] |= p.fill(data, j * per + (r * keyLength + t) * hiddenSize, todo[j], key.step(t),
                            conditional, acc);
                }
            }
        }
        NDArray block = entry.create(data, new Shape((long) todo.length * rows, keyLength, hiddenSize));
        if (keyType != DataType.FLOAT32) {
            block = block.toType(keyType, false);
        }
        NDList parts = todo.length == 1 ? new NDList(block) : block.split(todo.length, 0);
        for (int j = 0; j < todo.length; j++) {
            vectors[todo[j]] = nonzero[j] ? parts.get(j) : null;
        }
    }

    @Override
    public void close() {
        if (entry != null) {
            entry.close();
            entry = null;
        }
        key = null;
        vectors = null;
    }
}
