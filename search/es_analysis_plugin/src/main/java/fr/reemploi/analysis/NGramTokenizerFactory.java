package fr.reemploi.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.IntSetting;

/**
 * Tokenizer {@code ngram}, same name, settings and defaults as analysis-common's
 * ({@code min_gram} 1, {@code max_gram} 2). Every character is a token character:
 * {@code token_chars} is not supported (Wagtail does not set it), nor is the
 * {@code index.max_ngram_diff} check, which a stable plugin cannot read.
 */
@NamedComponent("ngram")
public class NGramTokenizerFactory implements TokenizerFactory {

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
    public NGramTokenizerFactory(Settings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        Grams.check("ngram", minGram, maxGram);
    }

    @Override
    public Tokenizer create() {
        return new NGramTokenizer(minGram, maxGram);
    }
}
