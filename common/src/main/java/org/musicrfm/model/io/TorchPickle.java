package org.musicrfm.model.io;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles the {@code data.pkl} of a {@code torch.save} zip into a map of {@link TensorRef}s.
 * Only the globals a state dict uses are resolved, and they are resolved per instance (Pyrolite's
 * {@code registerConstructor} is a global, unsynchronized registry that Spark also uses); any
 * other global is an error rather than arbitrary object construction.
 */
final class TorchPickle extends Unpickler {

    /** A storage referenced by a persistent id ('storage', type, key, location, numel). */
    record StorageRef(Dtype dtype, String key, long numel) {}

    /** What {@code torch._utils._rebuild_tensor_v2} receives: storage, offset, sizes, strides (elements). */
    record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {}

    /** A {@code torch.XStorage} global: only referenced in persistent ids, never called. */
    record StorageType(Dtype dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("storage type " + dtype + " called as a function");
        }
    }

    /** {@code collections.OrderedDict}: a dict whose BUILD state ({@code _metadata}) is ignored. */
    public static final class PickledDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;

        public void __setstate__(HashMap<?, ?> state) {
            // torch state dicts carry {'_metadata': ...} here; nothing in it is needed
        }

        public void __setstate__(Object[] state) {
            // same, in tuple form
        }
    }

    private static final Map<String, Dtype> STORAGES = Map.of(
            "FloatStorage", Dtype.F32, "HalfStorage", Dtype.F16, "BFloat16Storage", Dtype.BF16,
            "DoubleStorage", Dtype.F64, "LongStorage", Dtype.I64, "IntStorage", Dtype.I32,
            "ShortStorage", Dtype.I16, "CharStorage", Dtype.I8, "ByteStorage", Dtype.U8,
            "BoolStorage", Dtype.BOOL);

    private static final IObjectConstructor REBUILD_TENSOR = args -> {
        if (args.length < 4 || !(args[0] instanceof StorageRef s)) {
            throw new PickleException("unexpected arguments to _rebuild_tensor");
        }
        return new TensorRef(s, toLong(args[1]), toLongs(args[2]), toLongs(args[3]));
    };

    private static final IObjectConstructor REBUILD_PARAMETER = args -> {
        if (args.length < 1 || !(args[0] instanceof TensorRef t)) {
            throw new PickleException("unexpected arguments to _rebuild_parameter");
        }
        return t;
    };

    private static final IObjectConstructor ORDERED_DICT = args -> {
        PickledDict d = new PickledDict();
        if (args.length == 1 && args[0] instanceof List<?> pairs) {
            for (Object p : pairs) {
                Object[] kv = (Object[]) p;
                d.put(kv[0], kv[1]);
            }
        }
        return d;
    };

    private final String file;

    TorchPickle(String file) {
        this.file = file;
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        if (key == Opcodes.GLOBAL) {
            String module = PickleUtils.readline(input);
            String name = PickleUtils.readline(input);
            stack.add(resolve(module, name));
            return NO_RETURN_VALUE;
        }
        if (key == Opcodes.STACK_GLOBAL) {
            Object name = stack.pop();
            Object module = stack.pop();
            stack.add(resolve(String.valueOf(module), String.valueOf(name)));
            return NO_RETURN_VALUE;
        }
        checkLength(key);
        return super.dispatch(key);
    }

    /**
     * Rejects a length prefix longer than the rest of the input before Pyrolite allocates it, so a
     * corrupt length is an error instead of a multi-gigabyte allocation. Needs a mark-supporting input.
     */
    private void checkLength(short key) throws IOException {
        int width = switch (key) {
            case Opcodes.BINUNICODE, Opcodes.BINBYTES, Opcodes.BINSTRING -> 4;
            case Opcodes.BINUNICODE8, Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> 8;
            default -> 0;
        };
        if (width == 0 || !input.markSupported()) {
            return;
        }
        input.mark(8);
        byte[] b = input.readNBytes(width);
        input.reset();
        if (b.length < width) {
            throw new PickleException(file + ": data.pkl ends inside a length prefix");
        }
        long len = 0;
        for (int i = width - 1; i >= 0; i--) {
            len = (len << 8) | (b[i] & 0xff);
        }
        if (len < 0 || len > input.available() - width) {
            throw new PickleException(file + ": data.pkl declares a " + Long.toUnsignedString(len)
                    + "-byte string with only " + (input.available() - width) + " bytes left (corrupt pickle)");
        }
    }

    private Object resolve(String module, String name) {
        String global = module + "." + name;
        switch (global) {
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor":
                return REBUILD_TENSOR;
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
                return REBUILD_PARAMETER;
            case "collections.OrderedDict":
                return ORDERED_DICT;
            default:
                break;
        }
        if (module.equals("torch") && STORAGES.containsKey(name)) {
            return new StorageType(STORAGES.get(name));
        }
        throw new PickleException(file + ": unsupported pickle global " + global
                + " (only plain tensor state dicts can be read)");
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0])) {
            throw new PickleException(file + ": unexpected persistent id " + describe(pid));
        }
        if (!(t[1] instanceof StorageType type)) {
            throw new PickleException(file + ": unsupported storage type in persistent id " + describe(pid));
        }
        return new StorageRef(type.dtype(), String.valueOf(t[2]), toLong(t[4]));
    }

    private static String describe(Object o) {
        return o instanceof Object[] a ? java.util.Arrays.deepToString(a) : String.valueOf(o);
    }

    private static long toLong(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        throw new PickleException("expected an integer, found " + o);
    }

    private static long[] toLongs(Object o) {
        if (!(o instanceof Object[] a)) {
            throw new PickleException("expected a tuple of integers, found " + o);
        }
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = toLong(a[i]);
        }
        return out;
    }
}
