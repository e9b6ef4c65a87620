package io.datainmotion.sentiment.training;

import io.datainmotion.sentiment.Sentiment;
import io.datainmotion.sentiment.SentimentScorer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Behavioural tests of a sentiment scorer in the manner of CheckList (Ribeiro et al., "Beyond Accuracy:
 * Behavioral Testing of NLP Models with CheckList", ACL 2020): cases generated from templates and small
 * lexicons written for this project, grouped by the capability they probe. A case either names the labels a
 * person would accept (a minimum functionality test) or pairs a text with a perturbed copy that must keep
 * the scorer's own label (an invariance test).
 *
 * <p>The cases are fixed: the slots are filled from a seeded random source, so every run and every machine
 * sees the same texts. None of them is ever trained on.
 */
public final class BehaviouralSuite {

    /** What a group of cases probes. */
    public enum Capability {
        NEGATED_NEGATIVE("negated negative", true),
        NEGATED_POSITIVE("negated positive", true),
        CONTRAST("contrast", false),
        INTENSIFIER("intensifier", false),
        DIMINISHER("diminisher", false),
        NEUTRAL_FACT("neutral fact", false),
        TWEET_POSITIVE("tweet positive", false),
        TWEET_NEGATIVE("tweet negative", false),
        INVARIANCE("invariance", false);

        private final String label;
        private final boolean negation;

        Capability(String label, boolean negation) {
            this.label = label;
            this.negation = negation;
        }

        public String label() {
            return label;
        }

        /** One of the negation capabilities, which are also reported together. */
        public boolean negation() {
            return negation;
        }
    }

    /**
     * One test: {@code text} must get one of {@code accepted}, or, when {@code original} is set, the same label
     * as {@code original}.
     */
    public record Case(Capability capability, String text, Set<Sentiment> accepted, String original) {

        static Case expecting(Capability capability, String text, Sentiment... accepted) {
            return new Case(capability, text, Set.of(accepted), null);
        }

        static Case invariant(String original, String perturbed) {
            return new Case(Capability.INVARIANCE, perturbed, Set.of(), original);
        }

        public boolean passes(SentimentScorer scorer) {
            Sentiment got = scorer.score(text).sentiment();
            return original != null ? got == scorer.score(original).sentiment() : accepted.contains(got);
        }

        /** The expectation in words, for failure listings. */
        public String expectation() {
            if (original != null) {
                return "same label as \"" + original + "\"";
            }
            List<String> labels = new ArrayList<>();
            for (Sentiment sentiment : Sentiment.values()) {
                if (accepted.contains(sentiment)) {
                    labels.add(sentiment.label());
                }
            }
            return String.join(" or ", labels);
        }
    }

    /** Pass counts per capability and the failed cases of one scorer. */
    public record Result(Map<Capability, int[]> passedAndTotal, List<Case> failures) {

        public double passRate(Capability capability) {
            int[] counts = passedAndTotal.get(capability);
            return (double) counts[0] / counts[1];
        }

        public int total(Capability capability) {
            return passedAndTotal.get(capability)[1];
        }

        /** The pass rate over both negation capabilities together. */
        public double negationPassRate() {
            int passed = 0;
            int total = 0;
            for (Map.Entry<Capability, int[]> entry : passedAndTotal.entrySet()) {
                if (entry.getKey().negation()) {
                    passed += entry.getValue()[0];
                    total += entry.getValue()[1];
                }
            }
            return (double) passed / total;
        }
    }

    private static final long SEED = 17L;
    private static final Sentiment POS = Sentiment.POSITIVE;
    private static final Sentiment NEG = Sentiment.NEGATIVE;
    private static final Sentiment NEU = Sentiment.NEUTRAL;

    private static final List<String> THINGS = List.of("the food", "the service", "this phone", "the movie",
            "the hotel", "the new update", "the concert", "my flight", "the coffee", "this app", "the game",
            "the room", "the trip", "the new album", "the pizza", "the lecture", "the delivery", "the support team");
    private static final List<String> POSITIVE_ADJECTIVES = List.of("good", "great", "amazing", "excellent", "nice",
            "wonderful", "fantastic", "helpful", "fun", "friendly", "perfect", "enjoyable", "impressive", "lovely");
    private static final List<String> NEGATIVE_ADJECTIVES = List.of("bad", "terrible", "awful", "horrible",
            "disappointing", "boring", "rude", "annoying", "useless", "ugly", "poor", "stupid", "painful", "sad");
    private static final List<String> NEGATIVE_NOUNS = List.of("problem", "issue", "complaint", "delay", "glitch",
            "hiccup", "failure", "bug");
    private static final List<String> POSITIVE_NOUNS = List.of("fun", "help", "luck", "joy", "success", "support",
            "improvement");
    private static final List<String> NEGATIVE_VERBS = List.of("hate", "dislike", "regret", "mind", "blame");
    private static final List<String> POSITIVE_VERBS = List.of("like", "love", "enjoy", "recommend", "trust",
            "appreciate");
    private static final List<String> PLACES = List.of("the store", "the hotel", "the airport", "the office",
            "the restaurant", "the clinic", "the station", "the bank");
    private static final List<String> INTENSIFIERS = List.of("very", "really", "extremely", "so", "incredibly",
            "absolutely", "super", "totally", "truly");
    private static final List<String> DIMINISHERS = List.of("a bit", "slightly", "somewhat", "kind of", "a little",
            "fairly", "sort of", "mildly");
    private static final List<String> USERS = List.of("@anna", "@support", "@mike_b", "@cityrail", "@jo");
    private static final List<String> TAGS = List.of("#monday", "#travel", "#news", "#food", "#tech", "#weekend");
    private static final List<String> POSITIVE_EMOJI = List.of("😊", "😍", "👍", "🎉", "❤️", "😀", "🙌");
    private static final List<String> NEGATIVE_EMOJI = List.of("😡", "😠", "👎", "😞", "😢", "😩", "🤬");

    private BehaviouralSuite() {}

    /** Every case, in a fixed order. */
    public static List<Case> cases() {
        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        negatedNegatives(random, cases);
        negatedPositives(random, cases);
        contrasts(random, cases);
        intensifiersAndDiminishers(random, cases);
        neutralFacts(random, cases);
        tweetStyle(random, cases);
        invariances(random, cases);
        return List.copyOf(cases);
    }

    /** Runs every case against the scorer. */
    public static Result run(SentimentScorer scorer) {
        Map<Capability, int[]> counts = new EnumMap<>(Capability.class);
        List<Case> failures = new ArrayList<>();
        for (Case testCase : cases()) {
            int[] passedAndTotal = counts.computeIfAbsent(testCase.capability(), c -> new int[2]);
            passedAndTotal[1]++;
            if (testCase.passes(scorer)) {
                passedAndTotal[0]++;
            } else {
                failures.add(testCase);
            }
        }
        return new Result(counts, failures);
    }

    private static void negatedNegatives(Random random, List<Case> cases) {
        Capability c = Capability.NEGATED_NEGATIVE;
        Sentiment[] notNegative = {POS, NEU};
        negatedAdjectivesAndVerbs(random, cases, c, NEGATIVE_ADJECTIVES, NEGATIVE_VERBS, notNegative);
        add(cases, random, 14, r -> "Never had a " + pick(r, NEGATIVE_NOUNS) + " with " + pick(r, THINGS), c, notNegative);
        add(cases, random, 8, r -> "Can't complain about " + pick(r, THINGS), c, notNegative);
        add(cases, random, 12, r -> "No " + plural(pick(r, NEGATIVE_NOUNS)) + " with " + pick(r, THINGS) + " so far",
                c, notNegative);
        add(cases, random, 10, r -> "Nobody was " + pick(r, List.of("rude", "unfriendly", "unhelpful", "mean", "angry"))
                + " at " + pick(r, PLACES), c, notNegative);
        add(cases, random, 12, r -> "Got " + pick(r, THINGS) + " sorted without any " + plural(pick(r, NEGATIVE_NOUNS)),
                c, notNegative);
        add(cases, random, 10, r -> "There were hardly any " + plural(pick(r, NEGATIVE_NOUNS)) + " with " + pick(r, THINGS),
                c, notNegative);
    }

    /** The templates both negation capabilities share: a negated adjective three ways, a negated verb. */
    private static void negatedAdjectivesAndVerbs(Random random, List<Case> cases, Capability c,
                                                  List<String> adjectives, List<String> verbs, Sentiment[] accepted) {
        add(cases, random, 16, r -> capitalised(pick(r, THINGS)) + " was not " + pick(r, adjectives) + " at all",
                c, accepted);
        add(cases, random, 16, r -> capitalised(pick(r, THINGS)) + " " + pick(r, List.of("wasn't", "isn't"))
                + " " + pick(r, adjectives), c, accepted);
        add(cases, random, 12, r -> capitalised(pick(r, THINGS)) + " is never " + pick(r, adjectives), c, accepted);
        add(cases, random, 14, r -> "I " + pick(r, List.of("don't", "do not", "didn't", "never")) + " "
                + pick(r, verbs) + " " + pick(r, THINGS), c, accepted);
    }

    private static void negatedPositives(Random random, List<Case> cases) {
        Capability c = Capability.NEGATED_POSITIVE;
        Sentiment[] notPositive = {NEG, NEU};
        negatedAdjectivesAndVerbs(random, cases, c, POSITIVE_ADJECTIVES, POSITIVE_VERBS, notPositive);
        add(cases, random, 10, r -> "No " + pick(r, POSITIVE_NOUNS) + " with " + pick(r, THINGS) + " today",
                c, notPositive);
        add(cases, random, 10, r -> "Nobody was " + pick(r, List.of("helpful", "friendly", "nice", "polite", "kind"))
                + " at " + pick(r, PLACES), c, notPositive);
        add(cases, random, 10, r -> "Left " + pick(r, PLACES) + " without any " + pick(r, POSITIVE_NOUNS),
                c, notPositive);
        add(cases, random, 10, r -> capitalised(pick(r, THINGS)) + " was hardly " + pick(r, POSITIVE_ADJECTIVES),
                c, notPositive);
    }

    private static void contrasts(Random random, List<Case> cases) {
        Capability c = Capability.CONTRAST;
        add(cases, random, 16, r -> capitalised(pick(r, THINGS)) + " was " + pick(r, POSITIVE_ADJECTIVES) + " but "
                + pick(r, THINGS) + " was " + pick(r, NEGATIVE_ADJECTIVES), c, NEG);
        add(cases, random, 16, r -> capitalised(pick(r, THINGS)) + " was " + pick(r, NEGATIVE_ADJECTIVES) + " but "
                + pick(r, THINGS) + " was " + pick(r, POSITIVE_ADJECTIVES), c, POS);
        add(cases, random, 12, r -> "Although " + pick(r, THINGS) + " was " + pick(r, POSITIVE_ADJECTIVES) + ", "
                + pick(r, THINGS) + " was " + pick(r, NEGATIVE_ADJECTIVES), c, NEG);
        add(cases, random, 12, r -> "Although " + pick(r, THINGS) + " was " + pick(r, NEGATIVE_ADJECTIVES) + ", "
                + pick(r, THINGS) + " was " + pick(r, POSITIVE_ADJECTIVES), c, POS);
    }

    private static void intensifiersAndDiminishers(Random random, List<Case> cases) {
        add(cases, random, 24, r -> capitalised(pick(r, THINGS)) + " was " + pick(r, INTENSIFIERS) + " "
                + pick(r, POSITIVE_ADJECTIVES), Capability.INTENSIFIER, POS);
        add(cases, random, 24, r -> capitalised(pick(r, THINGS)) + " was " + pick(r, INTENSIFIERS) + " "
                + pick(r, NEGATIVE_ADJECTIVES), Capability.INTENSIFIER, NEG);
        add(cases, random, 20, r -> capitalised(pick(r, THINGS)) + " was " + pick(r, DIMINISHERS) + " "
                + pick(r, POSITIVE_ADJECTIVES), Capability.DIMINISHER, POS, NEU);
        add(cases, random, 20, r -> capitalised(pick(r, THINGS)) + " was " + pick(r, DIMINISHERS) + " "
                + pick(r, NEGATIVE_ADJECTIVES), Capability.DIMINISHER, NEG, NEU);
    }

    private static void neutralFacts(Random random, List<Case> cases) {
        Capability c = Capability.NEUTRAL_FACT;
        List<String> topics = List.of("happiness research", "crash safety", "grief counselling", "conflict resolution",
                "love poetry", "the history of war", "disaster recovery", "fraud prevention", "stress testing",
                "the sinking of the Titanic", "pain management", "the great depression");
        List<String> names = List.of("Joy", "Grace", "Hope", "Paradise", "Liberty", "Harmony", "Victory", "Faith");
        List<String> days = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday");
        add(cases, random, 16, r -> "The lecture on " + pick(r, topics) + " starts at " + (8 + r.nextInt(10))
                + " in room " + (100 + r.nextInt(300)), c, NEU);
        add(cases, random, 12, r -> pick(r, names) + " Street will be closed for roadworks on " + pick(r, days),
                c, NEU);
        add(cases, random, 12, r -> "The documentary about " + pick(r, topics) + " airs on " + pick(r, days)
                + " at " + (6 + r.nextInt(5)) + "pm", c, NEU);
        add(cases, random, 12, r -> "Chapter " + (1 + r.nextInt(20)) + " of the textbook covers " + pick(r, topics),
                c, NEU);
        add(cases, random, 8, r -> "The " + pick(r, names) + " Hotel is on the corner of " + pick(r, names)
                + " Road and Station Street", c, NEU);
    }

    private static void tweetStyle(Random random, List<Case> cases) {
        Capability positive = Capability.TWEET_POSITIVE;
        add(cases, random, 10, r -> pick(r, List.of("sooo", "soooo", "sooooo")) + " " + pick(r, List.of("happy", "excited", "proud", "glad"))
                + " about " + pick(r, THINGS) + " " + pick(r, POSITIVE_EMOJI), positive, POS);
        add(cases, random, 10, r -> (pick(r, THINGS) + " is " + pick(r, POSITIVE_ADJECTIVES)).toUpperCase(Locale.ROOT)
                + "!!!", positive, POS);
        add(cases, random, 10, r -> pick(r, THINGS) + " was " + pick(r, POSITIVE_ADJECTIVES) + " "
                + pick(r, List.of(":)", ":-)", ":D", "<3", "(:")), positive, POS);
        add(cases, random, 10, r -> pick(r, List.of("omg", "yesss", "wow", "lol")) + " " + pick(r, THINGS) + " was "
                + pick(r, List.of("awesome", "amazing", "the best", "epic", "sick")) + " " + pick(r, POSITIVE_EMOJI)
                + pick(r, POSITIVE_EMOJI), positive, POS);
        add(cases, random, 10, r -> pick(r, List.of("loving", "lovinggg", "luv", "adore")) + " " + pick(r, THINGS)
                + " " + pick(r, List.of("rn", "tbh", "ngl", "fr")), positive, POS);

        Capability negative = Capability.TWEET_NEGATIVE;
        add(cases, random, 10, r -> pick(r, List.of("ugh", "smh", "seriously", "wtf")) + " " + pick(r, THINGS) + " is "
                + pick(r, NEGATIVE_ADJECTIVES) + " " + pick(r, NEGATIVE_EMOJI), negative, NEG);
        add(cases, random, 10, r -> (pick(r, THINGS) + " is " + pick(r, NEGATIVE_ADJECTIVES)).toUpperCase(Locale.ROOT)
                + "!!", negative, NEG);
        add(cases, random, 10, r -> pick(r, THINGS) + " was " + pick(r, NEGATIVE_ADJECTIVES) + " "
                + pick(r, List.of(":(", ":-(", ":'(", ":/", "D:")), negative, NEG);
        add(cases, random, 10, r -> capitalised(pick(r, List.of("the app", "my laptop", "this phone", "the website", "the game")))
                + " keeps " + pick(r, List.of("crashing", "freezing", "lagging", "failing")) + " every time I "
                + pick(r, List.of("open it", "use it", "log in", "try")), negative, NEG);
        add(cases, random, 10, r -> pick(r, NEGATIVE_EMOJI) + pick(r, NEGATIVE_EMOJI) + " "
                + pick(r, List.of("so done with", "sick of", "fed up with", "over")) + " " + pick(r, THINGS), negative, NEG);
        add(cases, random, 5, r -> pick(r, List.of("😡😡", "😠😠", "🤬", "👎👎", "😭😭😭")), negative, NEG);
    }

    private static void invariances(Random random, List<Case> cases) {
        List<String[]> bases = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String adjective = pick(random, POSITIVE_ADJECTIVES);
            bases.add(new String[] {capitalised(pick(random, THINGS)) + " was " + adjective, adjective, "positive"});
        }
        for (int i = 0; i < 10; i++) {
            String adjective = pick(random, NEGATIVE_ADJECTIVES);
            bases.add(new String[] {capitalised(pick(random, THINGS)) + " was " + adjective, adjective, "negative"});
        }
        List<String> neutral = List.of("The shop opens at nine tomorrow", "Our train leaves from platform four",
                "The report is due on Friday", "Meeting moved to room twelve", "The museum reopens next week",
                "New timetable starts on Monday", "The bridge is closed until March", "Parking is free after six",
                "The library has a new opening time", "Registration closes on Thursday");
        for (String text : neutral) {
            bases.add(new String[] {text, text.substring(text.lastIndexOf(' ') + 1), "neutral"});
        }
        for (String[] base : bases) {
            String text = base[0];
            String word = base[1];
            cases.add(Case.invariant(text, pick(random, USERS) + " " + text));
            cases.add(Case.invariant(text, text + " https://t.co/" + Integer.toString(100_000 + random.nextInt(900_000), 36)));
            cases.add(Case.invariant(text, text + " " + pick(random, TAGS)));
            cases.add(Case.invariant(text, "RT " + pick(random, USERS) + ": " + text));
            cases.add(Case.invariant(text, text.toLowerCase(Locale.ROOT)));
            cases.add(Case.invariant(text, text.replace(word, elongated(word))));
            if (base[2].equals("positive")) {
                cases.add(Case.invariant(text, text + " " + pick(random, POSITIVE_EMOJI)));
            } else if (base[2].equals("negative")) {
                cases.add(Case.invariant(text, text + " " + pick(random, NEGATIVE_EMOJI)));
            }
        }
    }

    /** {@code count} distinct texts from a template (fewer if it cannot make that many), each a case. */
    private static void add(List<Case> cases, Random random, int count, Function<Random, String> template,
                            Capability capability, Sentiment... accepted) {
        Set<String> texts = new LinkedHashSet<>();
        for (int attempt = 0; texts.size() < count && attempt < count * 20; attempt++) {
            texts.add(template.apply(random));
        }
        for (String text : texts) {
            cases.add(Case.expecting(capability, text, accepted));
        }
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String plural(String noun) {
        return noun.endsWith("ch") ? noun + "es" : noun + "s";
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The word with its last vowel (or, without one, its last letter) repeated three more times: good, goooood. */
    private static String elongated(String word) {
        int at = word.length() - 1;
        for (int i = word.length() - 1; i >= 0; i--) {
            if ("aeiouy".indexOf(word.charAt(i)) >= 0) {
                at = i;
                break;
            }
        }
        return word.substring(0, at + 1) + String.valueOf(word.charAt(at)).repeat(3) + word.substring(at + 1);
    }
}
