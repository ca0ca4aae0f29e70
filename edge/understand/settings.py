"""Understanding settings (section `understanding`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class UnderstandingSettings(BaseModel):
    """Objection/signal classification and conversation boundaries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    classifier: Literal["examples", "head", "head+rules", "head+ngram", "head+ngram+rules"] = Field(
        default="head+ngram+rules",
        description="How utterances are classified: `examples` (nearest example phrases + "
        "keyword rules), `head` (a logistic head trained on the sentence embeddings), "
        "`head+rules` (the head, the keyword rules adding `rule_logit` to a class's "
        "log-odds), `head+ngram` (the mean probability of the head and a head on character "
        "n-gram TF-IDF), `head+ngram+rules` (that mean, the rules adding `rule_logit`). "
        "Chosen by cross-validation (`python -m eval.understand_cv --language en`).",
    )
    threshold: float = Field(
        default=0.45,
        gt=0,
        lt=1,
        description="Least class score with `examples` (similarity + rule bonus).",
    )
    head_threshold: float = Field(
        default=0.5,
        gt=0,
        lt=1,
        description="Least class probability with a head (chosen by cross-validation).",
    )
    head_weight: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="With `head+ngram` and `head+ngram+rules`, the embedding head's share of "
        "the mean probability (the n-gram head has the rest; chosen by cross-validation).",
    )
    head_top: int = Field(
        default=0,
        ge=0,
        description="With `head`, most classes one sentence may give (0: every class over "
        "`head_threshold`); chosen on the validation set.",
    )
    rule_logit: float = Field(
        default=1.0,
        ge=0,
        description="Log-odds a matching keyword rule adds with `head+rules` and "
        "`head+ngram+rules` (chosen by cross-validation).",
    )
    spanish_classifier: Literal["rules", "ngram", "emb+ngram"] = Field(
        default="emb+ngram",
        description="How Spanish utterances are classified: `rules` (the Spanish keyword rules "
        "alone), `ngram` (a logistic head on character n-gram TF-IDF, with the rules as "
        "`spanish_rules` says), `emb+ngram` (the mean of that head and one on the sentence "
        "embedding). Chosen by cross-validation (`python -m eval.understand_cv --language es`).",
    )
    spanish_threshold: float = Field(
        default=0.5,
        gt=0,
        lt=1,
        description="Least class probability of the Spanish heads (chosen by cross-validation).",
    )
    spanish_head_weight: float = Field(
        default=0.35,
        ge=0,
        le=1,
        description="With `emb+ngram`, the embedding head's share of the mean probability of "
        "the Spanish heads (chosen by cross-validation).",
    )
    spanish_rules: Literal["first", "union", "none"] = Field(
        default="first",
        description="With Spanish heads, the keyword rules: `first` (the rules' classes when "
        "any rule matches, else the heads'), `union` (both), `none` (the heads alone).",
    )
    embedder_weights: Literal["float", "int8"] = Field(
        default="float",
        description="Weights of the sentence embedder (all-MiniLM-L6-v2) from the bundle: "
        "`float` (the float32 export) or `int8` (quantized per output channel at bundle build, "
        "the feed-forward outputs kept float: the whole hub's peak RSS about 60 MiB lower and "
        "the embedder 1.8x faster, but the classifiers' cross-validated macro-F1 0.0006-0.0007 "
        'lower, so not the default; docs/benchmarks.md, "The whole hub\'s peak RSS"). The '
        "heads were trained on the float vectors.",
    )
    conversation_silence_s: float = Field(
        default=45.0, gt=0, description="Seconds without words that end a conversation."
    )
    talk_window_s: float = Field(
        default=120.0, gt=0, description="Window of the live talk ratio, in seconds."
    )
