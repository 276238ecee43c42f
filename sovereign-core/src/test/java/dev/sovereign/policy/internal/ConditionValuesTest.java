package dev.sovereign.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.policy.internal.ConditionValues.StringTest;
import dev.sovereign.policy.internal.ConditionValues.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionValuesTest {
    @Test
    void eachLiteralGoesToTheVariableItIsComparedWith() {
        ConditionValues v = ConditionValues.of(List.of(
                "workload == 'hr' || 'legal' == workload || workload in ['a', 'b']",
                "key.startsWith('prod-') && team != 'ops'",
                "'confidential' in labels || labels.exists(l, l == 'internal')",
                "request.model.startsWith('claude') && request['operation'] == 'embeddings' && request.size > 1000",
                "categories.exists(c, c.startsWith('special.')) || 'pii.email' in categories",
                "findings.exists(f, f.category == 'secret.x' && f.confidence >= 0.9) && categories['pii.email'] > 20"));
        assertThat(v.equalities(Subject.WORKLOAD)).containsExactly("hr", "legal", "a", "b");
        assertThat(v.tests(Subject.KEY)).containsExactly(new StringTest("startsWith", "prod-"));
        assertThat(v.equalities(Subject.TEAM)).containsExactly("ops");
        assertThat(v.equalities(Subject.LABEL)).containsExactly("confidential", "internal");
        assertThat(v.tests(Subject.MODEL)).containsExactly(new StringTest("startsWith", "claude"));
        assertThat(v.equalities(Subject.OPERATION)).containsExactly("embeddings");
        assertThat(v.numbers(Subject.SIZE)).containsExactly(1000.0);
        assertThat(v.tests(Subject.CATEGORY)).containsExactly(new StringTest("startsWith", "special."));
        assertThat(v.equalities(Subject.CATEGORY)).containsExactly("pii.email", "secret.x");
        assertThat(v.numbers(Subject.CONFIDENCE)).containsExactly(0.9);
        assertThat(v.counts()).containsOnlyKeys("pii.email");
        assertThat(v.unattributedStrings()).isEmpty();
        assertThat(v.unattributedNumbers()).isEmpty();
        assertThat(v.requestReadWhole()).isFalse();
    }

    @Test
    void aLiteralUnderAFunctionNotModelledBelongsToEveryVariable() {
        ConditionValues v = ConditionValues.of(List.of(
                "dyn(workload) == 'batch'", "['x', 'y'].exists(w, w == team)", "size(key) > 3", "size(request) > 4"));
        assertThat(v.unattributedStrings()).containsExactly("batch", "x", "y");
        assertThat(v.unattributedNumbers()).containsExactly(3.0, 4.0);
        assertThat(v.equalities(Subject.WORKLOAD)).isEmpty();
        assertThat(v.requestReadWhole()).isTrue();
    }

    @Test
    void aConditionDependsOnTheCategoriesAndLabelsItsTestsName() {
        ConditionValues v = ConditionValues.of(List.of(
                "categories.exists(c, c.startsWith('pii.') || c == 'content.binary')",
                "findings.exists(f, f.category.startsWith('special.') && f.confidence >= 0.9)",
                "categories.all(c, !c.startsWith('secret.'))",
                "categories.exists(c, !c.startsWith('pii.'))",
                "size(categories) > 2 || 'internal' in labels",
                "labels.exists(l, l.endsWith('-eu'))",
                "labels.all(l, l == 'public')"));
        assertThat(v.categoryReads(0).whole()).isFalse();
        assertThat(v.categoryReads(0).literals()).containsExactly("content.binary");
        assertThat(v.categoryReads(0).tests()).containsExactly(new StringTest("startsWith", "pii."));
        assertThat(v.categoryReads(1).tests()).containsExactly(new StringTest("startsWith", "special."));
        assertThat(v.categoryReads(1).whole()).isFalse();
        assertThat(v.categoryReads(2).whole())
                .as("all() of a negated test: only the secrets matter")
                .isFalse();
        assertThat(v.categoryReads(3).whole())
                .as("exists() of a negated test: any category matters")
                .isTrue();
        assertThat(v.categoryReads(4).whole()).isTrue();
        assertThat(v.labelReads(4).literals()).containsExactly("internal");
        assertThat(v.labelReads(4).whole()).isFalse();
        assertThat(v.categoryReads(5).any()).isFalse();
        assertThat(v.labelReads(5).tests()).containsExactly(new StringTest("endsWith", "-eu"));
        assertThat(v.labelReads(6).whole()).isTrue();
    }
}
