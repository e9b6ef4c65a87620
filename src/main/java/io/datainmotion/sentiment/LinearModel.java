package io.datainmotion.sentiment;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained linear sentiment model: one weight per class for each kept hashed bucket and dense feature,
 * plus a bias per class. Immutable and thread-safe, so one copy serves every scorer in a JVM.
 *
 * <p>Binary format (big-endian, version {@value #FORMAT_VERSION}): the magic {@code DIMLINEAR}, the format
 * version, {@link LinearFeatures#VERSION}, the feature settings, string metadata (training data sha256, the
 * command that made it, ...), the class labels, per-class biases and dense weights as floats, then the kept
 * buckets in ascending order as variable-length deltas and their weights per class as 16-bit integers times
 * a per-class scale (largest magnitude / 32767), which is far finer than the weights' own noise.
 */
public final class LinearModel {

    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "DIMLINEAR".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final LinearFeatures.Settings settings;
    private final Map<String, String> metadata;
    private final Sentiment[] classes;
    private final float[] bias;
    private final float[] denseWeights;
    private final int[] keptBuckets;
    /** Per bucket of the whole hash space, the weights of all classes side by side: one cache line per lookup. */
    private final float[] bucketWeights;

    /**
     * @param denseWeights {@code [feature * classes + class]}
     * @param keptBuckets ascending bucket ids
     * @param keptWeights {@code [kept index * classes + class]}
     */
    public LinearModel(LinearFeatures.Settings settings, Map<String, String> metadata, List<Sentiment> classes,
                       float[] bias, float[] denseWeights, int[] keptBuckets, float[] keptWeights) {
        int classCount = classes.size();
        if (bias.length != classCount || denseWeights.length != DenseFeature.COUNT * classCount
                || keptWeights.length != keptBuckets.length * classCount) {
            throw new IllegalArgumentException("weight arrays do not match " + classCount + " classes");
        }
        this.settings = settings;
        this.metadata = Map.copyOf(metadata);
        this.classes = classes.toArray(Sentiment[]::new);
        this.bias = bias.clone();
        this.denseWeights = denseWeights.clone();
        this.keptBuckets = keptBuckets.clone();
        this.bucketWeights = new float[classCount << settings.hashBits()];
        for (int k = 0; k < keptBuckets.length; k++) {
            if (k > 0 && keptBuckets[k] <= keptBuckets[k - 1]) {
                throw new IllegalArgumentException("kept buckets must ascend");
            }
            System.arraycopy(keptWeights, k * classCount, bucketWeights, keptBuckets[k] * classCount, classCount);
        }
    }

    public LinearFeatures.Settings settings() {
        return settings;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public int classCount() {
        return classes.length;
    }

    public Sentiment sentiment(int classIndex) {
        return classes[classIndex];
    }

    public int keptBucketCount() {
        return keptBuckets.length;
    }

    /** Writes each class's raw score (a logit of its one-versus-rest logistic regression) into {@code out}. */
    public void scores(FeatureVector features, float[] out) {
        int classCount = classes.length;
        System.arraycopy(bias, 0, out, 0, classCount);
        if (classCount == 3) {
            scoresOfThree(features, out);
        } else {
            for (int i = 0; i < features.size(); i++) {
                int base = features.bucket(i) * classCount;
                for (int c = 0; c < classCount; c++) {
                    out[c] += bucketWeights[base + c] * features.hashedValue();
                }
            }
        }
        for (int d = 0; d < DenseFeature.COUNT; d++) {
            float value = features.dense[d];
            if (value != 0f) {
                for (int c = 0; c < classCount; c++) {
                    out[c] += value * denseWeights[d * classCount + c];
                }
            }
        }
    }

    /** The three-class hot path with the loop over classes unrolled. */
    private void scoresOfThree(FeatureVector features, float[] out) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float[] weights = bucketWeights;
        for (int i = 0, n = features.size(); i < n; i++) {
            int base = features.bucket(i) * 3;
            s0 += weights[base];
            s1 += weights[base + 1];
            s2 += weights[base + 2];
        }
        float value = features.hashedValue();
        out[0] += s0 * value;
        out[1] += s1 * value;
        out[2] += s2 * value;
    }

    /** The weight of a hashed bucket for a class. */
    public float bucketWeight(int bucket, int classIndex) {
        return bucketWeights[bucket * classes.length + classIndex];
    }

    public float denseWeight(DenseFeature feature, int classIndex) {
        return denseWeights[feature.ordinal() * classes.length + classIndex];
    }

    public float bias(int classIndex) {
        return bias[classIndex];
    }

    /**
     * Turns raw scores into probabilities in place, as liblinear does for one-versus-rest logistic
     * regression: each class's sigmoid, normalised to sum to one.
     */
    public static void toProbabilities(float[] scores, int classCount) {
        float sum = 0f;
        for (int c = 0; c < classCount; c++) {
            scores[c] = (float) (1.0 / (1.0 + Math.exp(-scores[c])));
            sum += scores[c];
        }
        for (int c = 0; c < classCount; c++) {
            scores[c] /= sum;
        }
    }

    public void write(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(LinearFeatures.VERSION);
        out.writeInt(settings.hashBits());
        out.writeInt(settings.minCharGram());
        out.writeInt(settings.maxCharGram());
        Map<String, String> sorted = new java.util.TreeMap<>(metadata);
        out.writeInt(sorted.size());
        for (Map.Entry<String, String> entry : sorted.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeUTF(entry.getValue());
        }
        int classCount = classes.length;
        out.writeInt(classCount);
        for (Sentiment sentiment : classes) {
            out.writeUTF(sentiment.label());
        }
        writeFloats(out, bias);
        out.writeInt(DenseFeature.COUNT);
        writeFloats(out, denseWeights);
        out.writeInt(keptBuckets.length);
        int previous = -1;
        for (int bucket : keptBuckets) {
            writeVarInt(out, bucket - previous);
            previous = bucket;
        }
        for (int c = 0; c < classCount; c++) {
            float max = 0f;
            for (int bucket : keptBuckets) {
                max = Math.max(max, Math.abs(bucketWeight(bucket, c)));
            }
            float scale = max == 0f ? 1f : max / Short.MAX_VALUE;
            out.writeFloat(scale);
            for (int bucket : keptBuckets) {
                out.writeShort(Math.round(bucketWeight(bucket, c) / scale));
            }
        }
        out.flush();
    }

    public static LinearModel read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a linear sentiment model (bad magic)");
        }
        int format = in.readInt();
        if (format != FORMAT_VERSION) {
            throw new IOException("model format " + format + " is not the supported " + FORMAT_VERSION);
        }
        int featureVersion = in.readInt();
        if (featureVersion != LinearFeatures.VERSION) {
            throw new IOException("model was trained with features version " + featureVersion
                    + ", this code extracts version " + LinearFeatures.VERSION + ": retrain it");
        }
        LinearFeatures.Settings settings = new LinearFeatures.Settings(in.readInt(), in.readInt(), in.readInt());
        int metadataCount = in.readInt();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < metadataCount; i++) {
            metadata.put(in.readUTF(), in.readUTF());
        }
        int classCount = in.readInt();
        Sentiment[] classes = new Sentiment[classCount];
        for (int c = 0; c < classCount; c++) {
            classes[c] = Sentiment.fromLabel(in.readUTF());
        }
        float[] bias = readFloats(in, classCount);
        int denseCount = in.readInt();
        if (denseCount != DenseFeature.COUNT) {
            throw new IOException("model has " + denseCount + " dense features, expected " + DenseFeature.COUNT);
        }
        float[] denseWeights = readFloats(in, denseCount * classCount);
        int keptCount = in.readInt();
        int[] keptBuckets = new int[keptCount];
        int previous = -1;
        for (int k = 0; k < keptCount; k++) {
            previous += readVarInt(in);
            keptBuckets[k] = previous;
        }
        float[] keptWeights = new float[keptCount * classCount];
        for (int c = 0; c < classCount; c++) {
            float scale = in.readFloat();
            for (int k = 0; k < keptCount; k++) {
                keptWeights[k * classCount + c] = in.readShort() * scale;
            }
        }
        return new LinearModel(settings, metadata, List.of(classes), bias, denseWeights, keptBuckets, keptWeights);
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        for (float value : values) {
            out.writeFloat(value);
        }
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    private static void writeVarInt(DataOutputStream out, int value) throws IOException {
        while ((value & ~0x7f) != 0) {
            out.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    private static int readVarInt(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed variable-length integer");
    }
}
