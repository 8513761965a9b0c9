package org.musicrfm.steering;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.musicrfm.model.BlockHook;
import org.musicrfm.model.HookContext;

/**
 * A {@link SteeringPlan} as the {@link BlockHook} of a generation or forward pass. Each position is
 * steered with the step that produced it and each row by its CFG group, both read from the call's
 * {@link HookContext}. For each forward call (context, length, batch, dtype) it builds the combined
 * vectors of every steered block once — in one host-to-device copy for all blocks when they fit in
 * {@value #BULK_LIMIT} floats — so
 * a steered block then costs a single add, and a block whose addition is zero at this step (gate
 * closed, schedule at 0) costs nothing. Values depend only on (layer, step, row group), so the
 * cached vectors are reused when a later call repeats the same key. Not thread-safe; close it when
 * the generation is done (it owns a sub-manager of the manager it was made with).
 */
public final class SteeringHook implements BlockHook, AutoCloseable {

    /** Largest combined-vector block (floats) built in one copy; larger calls build per layer. */
    static final long BULK_LIMIT = 1L << 23;

    private final SteeringPlan plan;
    private final NDManager parent;
    private final boolean bulk;

    private NDManager entry; // arrays of the current key
    private HookContext key; // context of the current key (position offset, steps, CFG rows)
    private int keyLength;
    private long keyBatch;
    private DataType keyType;
    private NDArray[] vectors; // by layer; null: zero or not built
    private boolean[] built;
    private long builds;

    SteeringHook(SteeringPlan plan, NDManager manager) {
        this(plan, manager, true);
    }

    SteeringHook(SteeringPlan plan, NDManager manager, boolean bulk) {
        this.plan = plan;
        this.parent = manager;
        this.bulk = bulk;
    }

    public SteeringPlan plan() {
        return plan;
    }

    /** How many times the combined vectors were (re)built (one per distinct forward call key). */
    public long builds() {
        return builds;
    }

    @Override
    public NDArray apply(int layer, NDArray hidden, HookContext context) {
        if (!plan.steers(layer)) {
            return hidden;
        }
        Shape s = hidden.getShape();
        if (s.dimension() != 3 || s.get(2) != plan.hiddenSize()) {
            throw new IllegalArgumentException("steering block " + layer + ": hidden state " + s + " is not [B, T, "
                    + plan.hiddenSize() + "] (the directions' hidden size)");
        }
        int length = (int) s.get(1);
        long batch = s.get(0);
        if (!context.equals(key) || length != keyLength || batch != keyBatch || hidden.getDataType() != keyType) {
            reset(hidden, context, length, batch);
        }
        if (!built[layer]) {
            build(layer, hidden.getDataType());
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
        int n = plan.layers().last() + 1;
        vectors = new NDArray[n];
        built = new boolean[n];
        builds++;
    }

    /** Rows with their own vectors: 1 when both CFG row groups get the same addition, else the batch. */
    private int rows() {
        return plan.rowDependent() ? (int) keyBatch : 1;
    }

    private int conditionalRows() {
        return plan.rowDependent() ? key.conditionalRows(keyBatch) : 1;
    }

    private void build(int layer, DataType type) {
        int h = plan.hiddenSize();
        int rows = rows();
        int per = rows * keyLength * h;
        int[] layers = plan.layers().stream().mapToInt(Integer::intValue).toArray();
        boolean all = bulk && (long) per * layers.length <= BULK_LIMIT;
        int[] todo = all ? layers : new int[] {layer};
        float[] data = new float[per * todo.length];
        boolean[] nonzero = new boolean[todo.length];
        for (int j = 0; j < todo.length; j++) {
            nonzero[j] = fillLayer(data, j * per, todo[j], rows);
            built[todo[j]] = true;
        }
        int live = 0;
        for (boolean z : nonzero) {
            live += z ? 1 : 0;
        }
        if (live == 0) {
            return;
        }
        // [layers * rows, T, H] split by layer -> [rows, T, H] each (broadcast over the batch when rows = 1)
        NDArray block = entry.create(data, new Shape((long) todo.length * rows, keyLength, h));
        if (type != DataType.FLOAT32) {
            block = block.toType(type, false);
        }
        NDList parts = todo.length == 1 ? new NDList(block) : block.split(todo.length, 0);
        for (int j = 0; j < todo.length; j++) {
            vectors[todo[j]] = nonzero[j] ? parts.get(j) : null;
        }
    }

    /** One layer's {@code [rows, T, H]} additions into {@code data[at…]}; false when all zero. */
    private boolean fillLayer(float[] data, int at, int layer, int rows) {
        int h = plan.hiddenSize();
        double[] acc = new double[h];
        boolean any = false;
        if (rows == 1) {
            for (int i = 0; i < keyLength; i++) {
                any |= plan.fill(data, at + i * h, layer, key.step(i), true, acc);
            }
            return any;
        }
        int cond = conditionalRows();
        float[] condVec = new float[h];
        float[] uncondVec = new float[h];
        for (int i = 0; i < keyLength; i++) {
            int step = key.step(i);
            Arrays.fill(condVec, 0);
            Arrays.fill(uncondVec, 0);
            boolean c = plan.fill(condVec, 0, layer, step, true, acc);
            boolean u = plan.fill(uncondVec, 0, layer, step, false, acc);
            any |= (c && cond > 0) || (u && cond < rows);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(r < cond ? condVec : uncondVec, 0, data, at + (r * keyLength + i) * h, h);
            }
        }
        return any;
    }

    @Override
    public void close() {
        if (entry != null) {
            entry.close();
            entry = null;
        }
        key = null;
        if (vectors != null) {
            Arrays.fill(vectors, null);
        }
    }
}
