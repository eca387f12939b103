package io.coerouter.expert.djl;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The {@code manifest.json} beside a local model: the architecture facts the generator needs.
 *
 * @param name the model's name
 * @param format {@code torchscript-kv-v1}: {@code forward(input_ids, position_ids, attention_mask, past_keys,
 *     past_values) -> (last logits, keys, values)}
 * @param layers transformer layers (L)
 * @param heads attention heads (H)
 * @param headSize size of one head (Dh)
 * @param vocabSize vocabulary size (V)
 * @param maxContext the most tokens (prompt and answer) the model can attend to
 * @param padId the padding token id
 * @param bosId the begin-of-sequence id, prepended when {@code addBos}
 * @param eosId the end-of-sequence id, which ends generation
 * @param addBos whether prompts start with {@code bosId}
 * @param promptTemplate the prompt, with {@code {system}} and {@code {user}} replaced by the conversation's system and
 *     last user message
 * @param stop strings that end generation besides {@code eosId}
 * @param modelFile the TorchScript file, relative to the manifest
 * @param tokenizerFile the Hugging Face {@code tokenizer.json}, relative to the manifest
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelManifest(
        String name,
        String format,
        int layers,
        int heads,
        @JsonProperty("head_size") int headSize,
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("max_context") int maxContext,
        @JsonProperty("pad_id") long padId,
        @JsonProperty("bos_id") long bosId,
        @JsonProperty("eos_id") long eosId,
        @JsonProperty("add_bos") boolean addBos,
        @JsonProperty("prompt_template") String promptTemplate,
        List<String> stop,
        @JsonProperty("model_file") String modelFile,
        @JsonProperty("tokenizer_file") String tokenizerFile) {

    public static final String FORMAT = "torchscript-kv-v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelManifest {
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (promptTemplate == null) {
            promptTemplate = "{user}";
        }
        if (modelFile == null) {
            modelFile = "model.pt";
        }
        if (tokenizerFile == null) {
            tokenizerFile = "tokenizer.json";
        }
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format must be '" + FORMAT + "', but was '" + format + "'");
        }
        requirePositive("layers", layers);
        requirePositive("heads", heads);
        requirePositive("head_size", headSize);
        requirePositive("vocab_size", vocabSize);
        requirePositive("max_context", maxContext);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + value);
        }
    }

    static ModelManifest read(InputStream in) throws IOException {
        return JSON.readValue(in, ModelManifest.class);
    }

    /** The prompt text for a conversation's system and last user message. */
    String prompt(String system, String user) {
        return promptTemplate.replace("{system}", system).replace("{user}", user);
    }
}
