package io.datainmotion.sentiment.linear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The features of one tweet: hashed sparse features as a list of bucket occurrences (a bucket may repeat;
 * each occurrence weighs {@link #hashedValue()}) plus a fixed set of dense features. Reused from tweet to
 * tweet; names are recorded only when an explanation asks for them. Not thread-safe.
 */
public final class FeatureVector {

    private int[] buckets = new int[512];
    private String[] names;
    /**
     * When only a score is wanted: the model's packed bucket weights ({@link LinearModel#summingVector}), summed
     * per class as each feature is added instead of listed, so the weight loads overlap the feature work.
     */
    private final long[] summedWeights;
    int steps0;
    int steps1;
    int steps2;
    int steps3;
    private char[] scratch = new char[32];
    private float[] valences = new float[64];
    private int size;
    /** Occurrences added by {@link #addUncounted}: summed or listed like the others, but not counted in n. */
    private int uncounted;
    final float[] dense = new float[DenseFeature.COUNT];
    private final List<DenseNote> denseNotes = new ArrayList<>();

    /** One token's share of a dense feature and the rule that gave it, recorded with the names. */
    public record DenseNote(DenseFeature feature, float value, String why) {}

    public FeatureVector(boolean recordNames) {
        names = recordNames ? new String[buckets.length] : null;
        summedWeights = null;
    }

    FeatureVector(long[] summedWeights) {
        this.summedWeights = summedWeights;
    }

    void clear() {
        size = 0;
        uncounted = 0;
        steps0 = 0;
        steps1 = 0;
        steps2 = 0;
        steps3 = 0;
        Arrays.fill(dense, 0f);
        denseNotes.clear();
    }

    void noteDense(DenseFeature feature, float value, String why) {
        denseNotes.add(new DenseNote(feature, value, why));
    }

    /** The per-token parts of the lexicon features, when names are recorded; they sum to those features. */
    public List<DenseNote> denseNotes() {
        return List.copyOf(denseNotes);
    }

    void add(int bucket) {
        if (summedWeights != null) {
            long packed = summedWeights[bucket];
            steps0 += (short) packed;
            steps1 += (short) (packed >>> 16);
            steps2 += (short) (packed >>> 32);
            steps3 += (short) (packed >>> 48);
            size++;
            return;
        }
        if (size == buckets.length) {
            buckets = Arrays.copyOf(buckets, size * 2);
            if (names != null) {
                names = Arrays.copyOf(names, size * 2);
            }
        }
        buckets[size++] = bucket;
    }

    /**
     * An occurrence that weighs {@link #hashedValue()} like the others but is left out of its n, so that adding
     * it leaves the other occurrences' value as it was: a word cluster adds what the word's neighbours teach
     * without thinning out what the word itself says.
     */
    void addUncounted(int bucket) {
        add(bucket);
        uncounted++;
    }

    /** A buffer of at least {@code tokens} floats for the tokens' lexicon valences, reused across calls. */
    float[] valences(int tokens) {
        if (valences.length < tokens) {
            valences = new float[Math.max(tokens, valences.length * 2)];
        }
        return valences;
    }

    /** A buffer of at least {@code length} chars for rewriting a token, reused across calls. */
    char[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new char[Math.max(length, scratch.length * 2)];
        }
        return scratch;
    }

    /** The packed weights this vector summed as its features were added, or null when it lists buckets. */
    long[] summedWeights() {
        return summedWeights;
    }

    boolean recordsNames() {
        return names != null;
    }

    void nameLast(String name) {
        names[size - 1] = name;
    }

    /** Number of hashed feature occurrences. */
    public int size() {
        return size;
    }

    /** A listed bucket; a vector that sums a model's weights lists none. */
    public int bucket(int occurrence) {
        return buckets[occurrence];
    }

    /** What the occurrence stands for ("word:good"), when names are recorded. */
    public String name(int occurrence) {
        return names[occurrence];
    }

    /**
     * Each occurrence's value: 1/√n for n occurrences (those added by {@link #addUncounted} not counted), so long
     * and short tweets weigh their n-grams alike while the dense features keep their scale.
     */
    public float hashedValue() {
        int counted = size - uncounted;
        return counted == 0 ? 0f : (float) (1.0 / Math.sqrt(counted));
    }

    public float dense(DenseFeature feature) {
        return dense[feature.ordinal()];
    }

    /** A copy of every dense feature's value, by {@link DenseFeature#ordinal()}. */
    public float[] denseValues() {
        return dense.clone();
    }
}
