"""Suggest a category and a handler for a new case from the community's own confirmed cases.

A TF-IDF of jieba words and character pairs feeding a logistic regression (scikit-learn), trained
per community from the cases staff accepted (their category is then confirmed). With too few
cases, or for a category the model has not seen, the category's keywords decide. The suggestion
shows its confidence; staff decide. The pickled model is signed so only what this deployment
trained is ever loaded.

Two guards stand before the model. Danger words (text.safety_words: fire, gas, someone trapped …)
are a rule, not a vote: they force the community's safety category and 紧急/特急, whatever the
model learnt from past cases. And the model's probability is only believed on text like what it
was trained on: it is scaled by the share of the text's words the model has ever seen, and only a
suggestion at CONFIDENT or above is shown as one to rely on.
"""

import hashlib
import hmac
import pickle
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from linli.cases.models import Case, CaseEvent, Category, Channel, Status, SuggestionModel
from linli.cases.text import analyzer, safety_words, tokens

MIN_SAMPLES = 30
CONFIDENT = 0.6  # shown as the suggestion to take; below, as a guess to check
MIN_PROBABILITY = 0.35  # below, the model's guess gives way to the keywords
MIN_GUESS = 0.2  # below, nothing is suggested
FAMILIAR = 0.5  # the share of a text's words the model must know for its probability to count in full
CONFIRMED_STATUSES = [Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED]


@dataclass
class Suggestion:
    category: Category | None
    confidence: float  # 0..1
    source: str  # "safety" | "model" | "keywords" | ""
    handler_label: str = ""
    urgency: str = ""  # the urgency the text calls for ("urgent", "critical"), when danger words say so
    safety_words: tuple[str, ...] = ()

    @property
    def confident(self) -> bool:
        return self.source == "safety" or self.confidence >= CONFIDENT


def _sign(blob: bytes) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), b"case-model:" + blob, hashlib.sha256).hexdigest()


def training_set(community_id: int) -> tuple[list[str], list[int]]:
    """Text and confirmed category of the community's accepted cases (not merged or rejected)."""
    rows = (
        Case.objects.in_community(community_id)
        .filter(status__in=CONFIRMED_STATUSES, channel__in=_LEARN_CHANNELS)
        .values_list("title", "description", "category_id")
        .order_by("pk")
    )
    texts, labels = [], []
    for title, description, category_id in rows.iterator(chunk_size=2000):
        texts.append(f"{title} {description}")
        labels.append(category_id)
    return texts, labels


# Every channel a resident's own words come through (a call written down included); not the cases a
# meeting files, whose wording is the minutes'.
_LEARN_CHANNELS = [c for c in Channel.values if c != Channel.DELIBERATION]


def build_pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, min_df=1),
        LogisticRegression(max_iter=1000, C=5.0),
    )


def evaluate(texts: list[str], labels: list[int], *, test_share: float = 0.2, seed: int = 7) -> dict:
    """Accuracy on held-out cases (stratified split), for the model and for the keyword rules."""
    from sklearn.model_selection import train_test_split

    x_train, x_test, y_train, y_test = train_test_split(
        texts, labels, test_size=test_share, random_state=seed, stratify=labels
    )
    model = build_pipeline().fit(x_train, y_train)
    predicted = model.predict(x_test)
    correct = sum(int(p == y) for p, y in zip(predicted, y_test, strict=True))
    return {"train": len(x_train), "test": len(x_test), "accuracy": correct / len(y_test)}


def keyword_accuracy(texts: list[str], labels: list[int], categories: list[Category]) -> float:
    hits = sum(int((_by_keywords(t, categories)[0] or Category()).pk == y) for t, y in zip(texts, labels, strict=True))
    return hits / len(labels) if labels else 0.0


@transaction.atomic
def train(community_id: int) -> SuggestionModel | None:
    texts, labels = training_set(community_id)
    counts = Counter(labels)
    if len(texts) < MIN_SAMPLES or len(counts) < 2:
        return None
    accuracy = None
    # Held-out accuracy over the categories with enough cases to split (a stratified split needs
    # at least two of each; rare categories are still learned from below).
    pairs = [(t, y) for t, y in zip(texts, labels, strict=True) if counts[y] >= 5]
    if len(pairs) >= MIN_SAMPLES and len({y for _t, y in pairs}) >= 2:
        accuracy = evaluate([t for t, _y in pairs], [y for _t, y in pairs])["accuracy"]
    model = build_pipeline().fit(texts, labels)
    blob = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    row, _created = SuggestionModel.objects.in_community(community_id).update_or_create(
        community_id=community_id,
        defaults={
            "trained_at": timezone.now(),
            "samples": len(texts),
            "accuracy": accuracy,
            "blob": blob,
            "signature": _sign(blob),
        },
    )
    _cache.pop(community_id, None)
    return row


_cache: dict[int, tuple] = {}


def _model_for(community_id: int):
    row = SuggestionModel.objects.in_community(community_id).only("pk", "trained_at", "signature").first()
    if row is None:
        return None
    cached = _cache.get(community_id)
    if cached and cached[0] == row.trained_at:
        return cached[1]
    full = SuggestionModel.objects.in_community(community_id).get(pk=row.pk)
    blob = bytes(full.blob)
    if not hmac.compare_digest(_sign(blob), full.signature):
        return None  # not ours: never unpickle it
    model = pickle.loads(blob)  # noqa: S301 - signed by this deployment (see _sign)
    _cache[community_id] = (full.trained_at, model)
    return model


def _by_keywords(text: str, categories: list[Category]) -> tuple[Category | None, float]:
    words = tokens(text)
    plain = text or ""
    best, best_hits = None, 0
    for category in categories:
        keys = [k.strip() for k in category.keywords.replace("，", ",").split(",") if k.strip()]
        hits = sum(1 for k in keys if k in plain or k in words)
        if hits > best_hits:
            best, best_hits = category, hits
    return best, (min(0.3 + 0.2 * best_hits, 0.8) if best else 0.0)


def suggest(community_id: int, text: str) -> Suggestion:
    text = (text or "").strip()
    if len(text) < 4:
        return Suggestion(None, 0.0, "")
    categories = {c.pk: c for c in Category.objects.in_community(community_id).filter(active=True)}
    words, urgency = safety_words(text)
    safety = safety_category(list(categories.values())) if words else None
    if safety is not None:
        return _with_handler(Suggestion(safety, 1.0, "safety", urgency=urgency, safety_words=tuple(words)))
    suggestion = _by_model(community_id, text, categories)
    category, confidence = _by_keywords(text, list(categories.values()))
    if suggestion is not None and category == suggestion.category:
        # Two signals agreeing (the words the community chose, and its past cases) are surer than either.
        suggestion.confidence = 1 - (1 - suggestion.confidence) * (1 - confidence)
    if category is not None and (suggestion is None or suggestion.confidence < MIN_PROBABILITY):
        suggestion = Suggestion(category, confidence, "keywords")
    if suggestion is None or suggestion.confidence < MIN_GUESS:
        suggestion = Suggestion(None, 0.0, "")
    suggestion.urgency, suggestion.safety_words = urgency, tuple(words)
    return _with_handler(suggestion)


def safety_category(categories: list[Category]) -> Category | None:
    """The community's safety category: the one marked so in its settings (the first in order when
    several are), else the one with the seeds' code; never guessed from a name."""
    marked = [c for c in categories if c.safety]
    if marked:
        return min(marked, key=lambda c: (c.order, c.pk))
    return next((c for c in categories if c.code == "safety"), None)


def _by_model(community_id: int, text: str, categories: dict[int, Category]) -> Suggestion | None:
    """The model's best active category, its probability believed only as far as the text is
    familiar (at least half its words seen in training, else scaled down in proportion)."""
    model = _model_for(community_id)
    if model is None:
        return None
    probabilities = model.predict_proba([text])[0]
    ranked = sorted(zip(model.classes_, probabilities, strict=True), key=lambda p: -p[1])
    trust = min(1.0, familiarity(model, text) / FAMILIAR)
    for category_id, probability in ranked:
        if category_id in categories:
            return Suggestion(categories[category_id], float(probability) * trust, "model")
    return None


def familiarity(model, text: str) -> float:
    """The share of the text's words the model was trained on: a probability over words it has
    never seen is a guess from the few it knows (a text unlike the community's past cases)."""
    words = tokens(text)
    if not words:
        return 0.0
    vocabulary = model.steps[0][1].vocabulary_
    return sum(1 for w in words if w in vocabulary) / len(words)


def _with_handler(suggestion: Suggestion) -> Suggestion:
    """The handler is the one that most often actually did this category's cases lately, else the
    category's default."""
    category = suggestion.category
    if category is None:
        return suggestion
    recent = (
        CaseEvent.objects.in_community(category.community_id)
        .filter(case__category=category, kind=CaseEvent.Kind.RESOLVED)
        .order_by("-pk")
        .values_list("case__handler_org__name", flat=True)[:50]
    )
    names = Counter(name or "" for name in recent)
    if names:
        name = names.most_common(1)[0][0]
        suggestion.handler_label = name or str(Category.Handler.STAFF.label)
    else:
        suggestion.handler_label = str(category.handler_org or Category.Handler.STAFF.label)
    return suggestion
