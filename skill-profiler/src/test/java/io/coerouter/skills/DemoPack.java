package io.coerouter.skills;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.LocalModels;
import io.coerouter.expert.ModelPool;
import io.coerouter.skills.profile.EvalSet;
import io.coerouter.skills.profile.ProfileJson;
import io.coerouter.skills.profile.ProfileSet;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The demo expert pack as the skill tests use it: its taxonomy, evaluation set, profiles and local experts. */
public final class DemoPack {

    public static final List<String> EXPERTS = List.of(
            "generalist", "arithmetic-expert", "units-expert", "strings-expert", "calendar-expert", "capitals-expert");

    private DemoPack() {}

    public static SkillTaxonomy taxonomy() {
        return SkillTaxonomy.fromYaml(DemoPack.class.getResourceAsStream("/coe-demo-experts/skills.yaml"));
    }

    public static EvalSet evalSet() {
        return EvalSet.parse(
                new InputStreamReader(
                        DemoPack.class.getResourceAsStream("/coe-demo-experts/eval/demo-eval.jsonl"),
                        StandardCharsets.UTF_8),
                EvalSet.OnError.REJECT);
    }

    public static ProfileSet profiles() {
        return ProfileJson.read(DemoPack.class.getResourceAsStream("/coe-demo-experts/profiles.json"));
    }

    /** The six demo experts on DJL, sharing {@code pool}. */
    public static List<Expert> experts(ModelPool pool) {
        LocalModels local = new LocalModels(pool, Path.of(System.getProperty("java.io.tmpdir"), "coe-cache"), "cpu");
        return EXPERTS.stream()
                .map(id -> Expert.of(
                        ExpertConfig.builder(id, "djl")
                                .modelPath("classpath:coe-demo-experts/" + id)
                                .build(),
                        ExpertContext.defaults().withLocalModels(local)))
                .toList();
    }
}
