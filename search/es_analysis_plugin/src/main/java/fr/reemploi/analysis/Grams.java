package fr.reemploi.analysis;

/** The gram sizes Lucene accepts, checked when the index is created rather than at the first document. */
final class Grams {

    private Grams() {}

    static void check(String component, int minGram, int maxGram) {
        if (minGram < 1 || maxGram < minGram) {
            throw new IllegalArgumentException(
                component + ": min_gram [" + minGram + "] must be at least 1 and max_gram ["
                    + maxGram + "] at least min_gram");
        }
    }
}
