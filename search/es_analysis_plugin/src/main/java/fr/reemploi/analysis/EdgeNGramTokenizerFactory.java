package fr.reemploi.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.IntSetting;

/**
 * Tokenizer {@code edge_ngram}, same name, settings and defaults as analysis-common's
 * ({@code min_gram} 1, {@code max_gram} 2). Grams start at the front of the input.
 * Wagtail still declares {@code side: front}: the built-in ignores that setting,
 * and so does this one (it is never read). {@code token_chars} is not supported.
 */
@NamedComponent("edge_ngram")
public class EdgeNGramTokenizerFactory implements TokenizerFactory {

    @AnalysisSettings
    public interface Settings {
        @IntSetting(path = "min_gram", defaultValue = 1)
        int minGram();

        @IntSetting(path = "max_gram", defaultValue = 2)
        int maxGram();
    }

    private final int minGram;
    private final int maxGram;

    @Inject
    public EdgeNGramTokenizerFactory(Settings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        Grams.check("edge_ngram", minGram, maxGram);
    }

    @Override
    public Tokenizer create() {
        return new EdgeNGramTokenizer(minGram, maxGram);
    }
}
