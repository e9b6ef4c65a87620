package io.datainmotion.sentiment.linear;

import io.datainmotion.sentiment.Sentiment;

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
    /** Metadata key: the sha256 of the {@link WordClusters} map the model was trained with. */
    public static final String WORD_CLUSTERS = "word-clusters-sha256";
    private static final int MAX_CLASSES = Long.SIZE / Short.SIZE;
    private static final byte[] MAGIC = "DIMLINEAR".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final LinearFeatures.Settings settings;
    private final Map<String, String> metadata;
    private final Sentiment[] classes;
    private final float[] bias;
    private final float[] denseWeights;
    private final int[] keptBuckets;
    /**
     * Per bucket of the whole hash space, the 16-bit weights of all classes packed into one long (class c in bits
     * 16c to 16c + 15): a lookup is a single load, and the per-tweet sums are exact integer additions. Scoring
     * waits mostly on these random loads, so the table's size (512 KB at the shipped 2^16 buckets) matters more
     * than the arithmetic (docs/sentiment-model.md).
     */
    private final long[] packedWeights;
    /** Per class, the value of one step of its 16-bit weights (largest magnitude / 32767). */
    private final float[] weightScales;

    /**
     * @param denseWeights {@code [feature * classes + class]}
     * @param keptBuckets ascending bucket ids
     * @param keptWeights {@code [kept index * classes + class]}, kept as 16-bit steps of the largest magnitude
     *                    per class, which is far finer than the weights' own noise
     */
    public LinearModel(LinearFeatures.Settings settings, Map<String, String> metadata, List<Sentiment> classes,
                       float[] bias, float[] denseWeights, int[] keptBuckets, float[] keptWeights) {
        this(settings, metadata, classes, bias, denseWeights, keptBuckets, keptWeights,
                stepSizes(keptWeights, classes.size()));
    }

    /** @param weightScales per class, the value of one 16-bit step; {@code keptWeights} are rounded to steps */
    private LinearModel(LinearFeatures.Settings settings, Map<String, String> metadata, List<Sentiment> classes,
                        float[] bias, float[] denseWeights, int[] keptBuckets, float[] keptWeights,
                        float[] weightScales) {
        int classCount = classes.size();
        if (classCount > MAX_CLASSES) {
            throw new IllegalArgumentException("at most " + MAX_CLASSES + " classes fit a packed weight, got " + classCount);
        }
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
        for (int k = 1; k < keptBuckets.length; k++) {
            if (keptBuckets[k] <= keptBuckets[k - 1]) {
                throw new IllegalArgumentException("kept buckets must ascend");
            }
        }
        this.weightScales = weightScales.clone();
        this.packedWeights = new long[1 << settings.hashBits()];
        for (int k = 0; k < keptBuckets.length; k++) {
            long packed = 0;
            for (int c = 0; c < classCount; c++) {
                int steps = Math.round(keptWeights[k * classCount + c] / weightScales[c]);
                packed |= (steps & 0xffffL) << (16 * c);
            }
            packedWeights[keptBuckets[k]] = packed;
        }
    }

    /** Per class, the step that maps its largest weight magnitude to {@link Short#MAX_VALUE}. */
    private static float[] stepSizes(float[] keptWeights, int classCount) {
        float[] largest = new float[classCount];
        for (int i = 0; i < keptWeights.length; i++) {
            largest[i % classCount] = Math.max(largest[i % classCount], Math.abs(keptWeights[i]));
        }
        float[] steps = new float[classCount];
        for (int c = 0; c < classCount; c++) {
            steps[c] = largest[c] == 0f ? 1f : largest[c] / Short.MAX_VALUE;
        }
        return steps;
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
        long[] weights = packedWeights;
        boolean summed = features.summedWeights() != null;
        if (summed && features.summedWeights() != weights) {
            throw new IllegalArgumentException("the features summed another model's weights");
        }
        int steps0 = features.steps0;
        int steps1 = features.steps1;
        int steps2 = features.steps2;
        int steps3 = features.steps3;
        for (int i = 0, n = summed ? 0 : features.size(); i < n; i++) {
            long packed = weights[features.bucket(i)];
            steps0 += (short) packed;
            steps1 += (short) (packed >>> 16);
            steps2 += (short) (packed >>> 32);
            steps3 += (short) (packed >>> 48);
        }
        float hashedValue = features.hashedValue();
        for (int c = 0; c < classCount; c++) {
            int steps = switch (c) {
                case 0 -> steps0;
                case 1 -> steps1;
                case 2 -> steps2;
                default -> steps3;
            };
            out[c] = bias[c] + steps * weightScales[c] * hashedValue;
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

    /**
     * A vector for {@link #scores} alone: it sums this model's weights as features are added and lists no
     * buckets, so it serves neither training nor another model ({@link #scores} refuses it there).
     */
    FeatureVector summingVector() {
        return new FeatureVector(packedWeights);
    }

    /** The weight of a hashed bucket for a class. */
    public float bucketWeight(int bucket, int classIndex) {
        return stepsOf(bucket, classIndex) * weightScales[classIndex];
    }

    private short stepsOf(int bucket, int classIndex) {
        return (short) (packedWeights[bucket] >>> (16 * classIndex));
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
            out.writeFloat(weightScales[c]);
            for (int bucket : keptBuckets) {
                out.writeShort(stepsOf(bucket, c));
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
        float[] weightScales = new float[classCount];
        for (int c = 0; c < classCount; c++) {
            weightScales[c] = in.readFloat();
            for (int k = 0; k < keptCount; k++) {
                keptWeights[k * classCount + c] = in.readShort() * weightScales[c];
            }
        }
        return new LinearModel(settings, metadata, List.of(classes), bias, denseWeights, keptBuckets, keptWeights,
                weightScales);
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
