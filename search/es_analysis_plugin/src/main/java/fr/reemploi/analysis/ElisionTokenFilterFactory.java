package fr.reemploi.analysis;

import java.util.List;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;

/**
 * Token filter {@code elision}, same name and settings as analysis-common's:
 * {@code articles} (list) and {@code articles_case} (default false).
 * {@code articles_path} is not supported: we only use inline articles.
 */
@NamedComponent("elision")
public class ElisionTokenFilterFactory implements TokenFilterFactory {

    /** Elasticsearch implements this interface with a proxy over the filter's settings. */
    @AnalysisSettings
    public interface Settings {
        @ListSetting(path = "articles")
        List<String> articles();

        @BooleanSetting(path = "articles_case", defaultValue = false)
        boolean articlesCase();
    }

    private final CharArraySet articles;

    @Inject
    public ElisionTokenFilterFactory(Settings settings) {
        if (settings.articles().isEmpty()) {
            // Must not throw here, unlike the built-in ("requires [articles]"): the stable
            // API cannot say "requires settings", so Elasticsearch builds every plugin
            // component once with EMPTY settings for EVERY index it creates, and a throw
            // would fail all index creations. Empty settings = the bare name "elision",
            // which in the official distribution is the pre-configured filter with
            // Lucene's French articles: do the same.
            this.articles = FrenchAnalyzer.DEFAULT_ARTICLES;
        } else {
            // articles_case=true means "ignore case", as in Lucene's CharArraySet.
            this.articles = new CharArraySet(settings.articles(), settings.articlesCase());
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ElisionFilter(tokenStream, articles);
    }

    /** The built-in one also normalizes (keyword normalizers, wildcard/prefix terms). */
    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return create(tokenStream);
    }
}
