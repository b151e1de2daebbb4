package fr.reemploi.analysis;

import java.util.Locale;
import java.util.function.UnaryOperator;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;
import org.tartarus.snowball.ext.FrenchStemmer;

/**
 * Token filter {@code stemmer}, same name and settings as analysis-common's
 * ({@code language}, or its alias {@code name}; default {@code porter}), with
 * the same Lucene filter per language, but only for the languages we use:
 * French (snowball, light, minimal) and the English default.
 * Any other language fails when the index is created, as the built-in does.
 * Elasticsearch also builds this factory with empty settings for every new
 * index (see ElisionTokenFilterFactory): that must keep working, hence the
 * default language.
 */
@NamedComponent("stemmer")
public class StemmerTokenFilterFactory implements TokenFilterFactory {

    private static final String SUPPORTED =
        "french, light_french, minimal_french, english, porter";

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "language", defaultValue = "")
        String language();

        @StringSetting(path = "name", defaultValue = "")
        String name();
    }

    private final UnaryOperator<TokenStream> stemmer;

    @Inject
    public StemmerTokenFilterFactory(Settings settings) {
        String language = !settings.language().isEmpty() ? settings.language()
            : !settings.name().isEmpty() ? settings.name() : "porter";
        // Checked here, not in create(), so a bad mapping is refused at index creation.
        this.stemmer = switch (language.toLowerCase(Locale.ROOT)) {
            case "french" -> ts -> new SnowballFilter(ts, new FrenchStemmer());
            case "light_french", "lightfrench" -> FrenchLightStemFilter::new;
            case "minimal_french", "minimalfrench" -> FrenchMinimalStemFilter::new;
            case "english", "porter" -> PorterStemFilter::new;
            default -> throw new IllegalArgumentException(
                "stemmer language [" + language + "] is not provided by the test plugin reemploi-analysis"
                    + " (supported: " + SUPPORTED + "); the official distribution has all languages");
        };
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return stemmer.apply(tokenStream);
    }
}
