package io.datainmotion.wordclusters;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.datainmotion.cli.Dim;
import io.datainmotion.sentiment.tokens.NegatorSet;
import io.datainmotion.sentiment.training.SentimentEvaluation;
import io.datainmotion.sentiment.tokens.TweetTokens;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * Builds the worker's word-cluster map ({@code worker/src/main/resources/io/datainmotion/sentiment/word-clusters.tsv},
 * read by {@code io.datainmotion.sentiment.linear.WordClusters}).
 *
 * <p>Why: the NRC-Canada SemEval-2013 system gave its classifier the Brown cluster of each word (clusters learnt
 * from 56 million tweets), so that a word seen in few training tweets shares what is learnt for words used like it.
 * We have no such corpus; the clusters here come from an external model instead: all-MiniLM-L6-v2 (quantised,
 * ONNX, run in-process through langchain4j), whose embeddings of single words are grouped by spherical k-means.
 * The model and its ~140 MB of jars are needed only here, at build time; the worker ships the resulting map.
 * No label is used: only the tweets' text, so the map is one fixed function of the words for every fold.
 *
 * <ol>
 *   <li>Words: lowercase word tokens as {@link TweetTokens} writes them (normalised chars) from the training
 *       tweets, seen in at least 2 tweets, only letters a-z, at least 3 letters, not negators; plus the whole-word
 *       entries (letters a-z, at least 3, no ##) of MiniLM's WordPiece vocabulary (bert-base-uncased, 30,522
 *       entries, shipped in langchain4j-embeddings as bert-vocabulary-en.txt) that the tokenizer writes unchanged
 *       and that are not negators.</li>
 *   <li>Each word embedded alone by all-MiniLM-L6-v2, mean-pooled, then normalised; cached in a binary file
 *       ({@code --cache}) so reruns embed only new words.</li>
 *   <li>Spherical k-means (cosine on unit vectors): k-means++ seeding from {@code new Random(seed + k)}, Lloyd
 *       iterations until no word moves or 40 iterations; deterministic (sequential sums in word order).</li>
 * </ol>
 * Writes {@code word TAB cluster} lines ({@code \n}-terminated, UTF-8), sorted by word. Relative paths are taken
 * from the working directory, which the defaults expect to be the project root.
 */
@Command(name = "build-word-clusters", sortOptions = false, sortSynopsis = false,
        description = "Word clusters for the worker from all-MiniLM-L6-v2 embeddings and spherical k-means "
                + "(run from the project root).")
public final class BuildWordClusters implements Callable<Integer> {

    private static final int MAX_ITERATIONS = 40;
    private static final int EMBEDDING_BATCH = 2000;
    private static final List<String> PROBES = List.of("good", "great", "terrible", "awful", "happy", "sad", "love",
            "hate", "excited", "disappointed", "iphone", "monday", "tomorrow", "obama", "lol", "ugh", "fun");

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--data", paramLabel = "FILE", description = "Training tweets, JSON lines with \"text\" and \"label\" strings "
            + "(default: ${DEFAULT-VALUE}).")
    private Path data = Path.of("../shared/data/semeval-sentiment-train.jsonl");

    @Option(names = "--cache", paramLabel = "FILE", description = "Embedding cache, read if present and rewritten "
            + "when words were embedded (default: ${DEFAULT-VALUE}).")
    private Path cache = Path.of("word-clusters/target/embeddings.bin");

    @Option(names = "--k", paramLabel = "K", description = "Number of clusters (default: ${DEFAULT-VALUE}).")
    private int k = 500;

    @Option(names = "--seed", paramLabel = "SEED", description = "k-means++ seed; the generator is seeded with "
            + "SEED + K (default: ${DEFAULT-VALUE}).")
    private long seed = 20261204L;

    @Option(names = "--out", paramLabel = "FILE", description = "Output, word TAB cluster lines "
            + "(default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("worker/src/main/resources/io/datainmotion/sentiment/word-clusters.tsv");

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new BuildWordClusters());
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            ex.getCommandLine().getErr().println("build-word-clusters: " + ex.getMessage() + " (--help for usage)");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((ex, command, parseResult) -> {
            command.getErr().println("build-word-clusters: " + Dim.oneLine(ex));
            return 1;
        });
        System.exit(commandLine.execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(data)) {
            throw new ParameterException(spec.commandLine(), "data file not found: " + data.toAbsolutePath().normalize()
                    + "; run from the project root or give --data");
        }
        if (k < 2 || k > 32768) {
            // The worker keeps cluster ids in [0, 32767].
            throw new ParameterException(spec.commandLine(), "--k must be between 2 and 32768, not " + k);
        }
        Path outDirectory = out.toAbsolutePath().getParent();
        if (outDirectory == null || !Files.isDirectory(outDirectory)) {
            throw new ParameterException(spec.commandLine(), "output directory not found: " + outDirectory
                    + "; run from the project root or give --out");
        }

        long started = System.nanoTime();
        List<String> words = words(data);
        System.out.printf("%d words (%.1f s)%n", words.size(), seconds(started));
        if (k > words.size()) {
            throw new ParameterException(spec.commandLine(), "--k " + k + " is more than the " + words.size()
                    + " words");
        }

        Map<String, float[]> vectors = readCache(cache);
        List<String> missing = words.stream().filter(w -> !vectors.containsKey(w)).toList();
        System.out.printf("%d cached, %d to embed%n", vectors.size(), missing.size());
        if (!missing.isEmpty()) {
            embed(missing, vectors);
            writeCache(cache, vectors);
        }

        float[][] points = new float[words.size()][];
        for (int i = 0; i < points.length; i++) {
            points[i] = vectors.get(words.get(i));
        }
        long clusterStarted = System.nanoTime();
        int[] assignment = kMeans(points, k, seed);
        System.out.printf("k=%d clustered in %.1f s%n", k, seconds(clusterStarted));
        TreeMap<String, Integer> sorted = new TreeMap<>();
        for (int i = 0; i < points.length; i++) {
            sorted.put(words.get(i), assignment[i]);
        }
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Integer> entry : sorted.entrySet()) {
                writer.write(entry.getKey() + "\t" + entry.getValue() + "\n");
            }
        }
        System.out.printf("wrote %s%n", out);
        summary(sorted, assignment);
        return 0;
    }

    /** Training-tweet words (count >= 2) and the WordPiece vocabulary's whole words, in sorted order. */
    static List<String> words(Path data) throws IOException {
        TweetTokens tokens = new TweetTokens(NegatorSet.ENGLISH);
        Map<String, Integer> tweetsWith = new HashMap<>();
        for (SentimentEvaluation.LabelledText tweet : SentimentEvaluation.readJsonLines(data)) {
            tokens.tokenize(tweet.text());
            Set<String> seen = new HashSet<>();
            for (int t = 0; t < tokens.size(); t++) {
                if (tokens.kind(t) == TweetTokens.Kind.WORD && !tokens.negator(t)) {
                    String word = tokens.text(t);
                    if (plainWord(word) && seen.add(word)) {
                        tweetsWith.merge(word, 1, Integer::sum);
                    }
                }
            }
        }
        TreeSet<String> words = new TreeSet<>();
        tweetsWith.forEach((word, count) -> {
            if (count >= 2) {
                words.add(word);
            }
        });
        int fromTweets = words.size();
        TweetTokens check = new TweetTokens(NegatorSet.ENGLISH);
        try (InputStream vocabulary = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream("/bert-vocabulary-en.txt");
             BufferedReader lines = new BufferedReader(new InputStreamReader(vocabulary, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String word = line.strip();
                if (plainWord(word)) {
                    // As the tokenizer would write it (elongations cut), and not a negator.
                    check.tokenize(word);
                    if (check.size() == 1 && check.kind(0) == TweetTokens.Kind.WORD && !check.negator(0)
                            && check.text(0).equals(word)) {
                        words.add(word);
                    }
                }
            }
        }
        System.out.printf("%d words from the tweets (in >= 2 tweets), %d with the vocabulary's whole words%n",
                fromTweets, words.size());
        return new ArrayList<>(words);
    }

    static boolean plainWord(String word) {
        if (word.length() < 3) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    /** Embeds each word alone (one thread, batches of 2,000) and adds its normalised vector to {@code vectors}. */
    private static void embed(List<String> missing, Map<String, float[]> vectors) {
        long started = System.nanoTime();
        ExecutorService executor = Executors.newFixedThreadPool(1);
        try {
            AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(executor);
            System.out.printf("model loaded in %.1f s%n", seconds(started));
            for (int from = 0; from < missing.size(); from += EMBEDDING_BATCH) {
                List<String> part = missing.subList(from, Math.min(missing.size(), from + EMBEDDING_BATCH));
                List<Embedding> embedded = model.embedAll(part.stream().map(TextSegment::from).toList()).content();
                for (int i = 0; i < part.size(); i++) {
                    vectors.put(part.get(i), normalised(embedded.get(i).vector()));
                }
                System.out.printf("  embedded %d/%d (%.1f s)%n", from + part.size(), missing.size(), seconds(started));
            }
        } finally {
            executor.shutdown();
        }
        System.out.printf("embedded %d words in %.1f s%n", missing.size(), seconds(started));
    }

    /** Spherical k-means over unit vectors; returns each point's cluster. */
    static int[] kMeans(float[][] points, int k, long seed) {
        int n = points.length;
        int d = points[0].length;
        Random random = new Random(seed + k);
        // k-means++ seeding with distance 1 - cosine.
        float[][] centroids = new float[k][];
        centroids[0] = points[random.nextInt(n)].clone();
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.MAX_VALUE);
        for (int c = 1; c < k; c++) {
            float[] last = centroids[c - 1];
            double total = 0;
            for (int i = 0; i < n; i++) {
                double distance = Math.max(0, 1 - dot(points[i], last));
                if (distance < nearest[i]) {
                    nearest[i] = distance;
                }
                total += nearest[i] * nearest[i];
            }
            double target = random.nextDouble() * total;
            int chosen = n - 1;
            for (int i = 0; i < n; i++) {
                target -= nearest[i] * nearest[i];
                if (target <= 0) {
                    chosen = i;
                    break;
                }
            }
            centroids[c] = points[chosen].clone();
        }
        int[] assignment = new int[n];
        Arrays.fill(assignment, -1);
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            float[][] current = centroids;
            // Each point's nearest centroid: independent per point, so the parallel map is deterministic.
            int[] next = IntStream.range(0, n).parallel().map(i -> {
                int best = 0;
                double bestDot = -2;
                for (int c = 0; c < k; c++) {
                    double similarity = dot(points[i], current[c]);
                    if (similarity > bestDot) {
                        bestDot = similarity;
                        best = c;
                    }
                }
                return best;
            }).toArray();
            int moved = 0;
            for (int i = 0; i < n; i++) {
                if (next[i] != assignment[i]) {
                    moved++;
                }
            }
            assignment = next;
            double[][] sums = new double[k][d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                double[] sum = sums[assignment[i]];
                for (int j = 0; j < d; j++) {
                    sum[j] += points[i][j];
                }
                counts[assignment[i]]++;
            }
            float[][] updated = new float[k][];
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    updated[c] = current[c];
                    continue;
                }
                float[] centroid = new float[d];
                for (int j = 0; j < d; j++) {
                    centroid[j] = (float) sums[c][j];
                }
                updated[c] = normalised(centroid);
            }
            centroids = updated;
            System.out.printf("    iteration %d: %d moved%n", iteration, moved);
            if (moved == 0) {
                break;
            }
        }
        return assignment;
    }

    /** Float accumulation, as the clusters were first built with: changing it changes the output. */
    static double dot(float[] a, float[] b) {
        float sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }

    static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        float[] out = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j] * scale;
        }
        return out;
    }

    /** Cluster sizes and the clusters of a few probe words, for a reader to judge the result at a glance. */
    private void summary(TreeMap<String, Integer> sorted, int[] assignment) {
        int[] sizes = new int[k];
        for (int c : assignment) {
            sizes[c]++;
        }
        int[] bySize = sizes.clone();
        Arrays.sort(bySize);
        System.out.printf("  cluster sizes: min %d, median %d, max %d%n", bySize[0], bySize[k / 2], bySize[k - 1]);
        for (String probe : PROBES) {
            Integer cluster = sorted.get(probe);
            if (cluster == null) {
                continue;
            }
            List<String> members = new ArrayList<>();
            sorted.forEach((word, c) -> {
                if (c.equals(cluster) && members.size() < 14) {
                    members.add(word);
                }
            });
            System.out.printf("  %s -> %d (%d words): %s%n", probe, cluster, sizes[cluster], members);
        }
    }

    /** The cache: int count, int dimensions, then per word its modified-UTF-8 string and its floats. */
    static Map<String, float[]> readCache(Path cache) throws IOException {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        if (!Files.exists(cache)) {
            return vectors;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
            int count = in.readInt();
            int d = in.readInt();
            for (int i = 0; i < count; i++) {
                String word = in.readUTF();
                float[] v = new float[d];
                for (int j = 0; j < d; j++) {
                    v[j] = in.readFloat();
                }
                vectors.put(word, v);
            }
        }
        return vectors;
    }

    static void writeCache(Path cache, Map<String, float[]> vectors) throws IOException {
        Path directory = cache.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        Path temporary = cache.resolveSibling(cache.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
            out.writeInt(vectors.size());
            out.writeInt(vectors.values().iterator().next().length);
            for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
                out.writeUTF(entry.getKey());
                for (float x : entry.getValue()) {
                    out.writeFloat(x);
                }
            }
        }
        Files.move(temporary, cache, StandardCopyOption.REPLACE_EXISTING);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
