"""Every word list the stance stage reads: the cue lexicon and the content lexicons, in one place.

Why hand lists: they are general English (verbs of accusing, denying and doubting; words of
rejection, disbelief and negative judgement), small enough to read, and a set lookup per token
keeps the stage cheap. None of them was taken from a labelled item; ``docs/attribution.md`` says
how they were chosen. The stance vocabulary itself lives in ``claimgraph.vocab``.
"""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """A word list written as one string, as a set."""
    return frozenset(words.split())


def _words(table: dict[str, str]) -> dict[str, str]:
    """``{stance: "w1 w2 ..."}`` as ``{word: stance}``; a word listed twice keeps its first stance."""
    out: dict[str, str] = {}
    for stance, words in table.items():
        for w in words.split():
            out.setdefault(w, stance)
    return out


# --- the cue: its lemma (or a light verb's object) names the act --------------------------------

CUE_LEMMAS: dict[str, str] = _words(
    {
        "accuse": "accuse blame criticize criticise condemn denounce slam blast attack charge allege lash fault "
        "scold rebuke chide assail berate castigate decry excoriate indict implicate smear ridicule mock "
        "deride disparage lambast lambaste pillory vilify demonize demonise belittle insult sue anger "
        "infuriate enrage outrage ire "
        "accusation allegation criticism complaint condemnation blame indictment lawsuit",
        "deny": "deny reject dismiss refute dispute rebut contradict disavow deflect debunk repudiate defend counter "
        "denial rejection rebuttal",
        "doubt": "doubt question suspect wonder skeptical sceptical doubtful suspicion skepticism scepticism challenge",
        "warn": "warn caution threaten fear worry alarm alert warning threat concern",
        "praise": "praise commend applaud hail laud thank congratulate celebrate tout endorse salute admire "
        "compliment endorsement",
        "demand": "demand urge call insist ask request order press plead implore appeal petition require "
        "recommend propose",
        "predict": "predict forecast expect anticipate project foresee estimate prediction projection "
        "expectation likely",
        "echo": "echo repeat reiterate agree concur second",
    }
)

# Multi-word cues whose head lemma alone says nothing ("took issue with", "went after").
CUE_PHRASES: dict[tuple[str, ...], str] = {
    tuple(p.split()): stance
    for stance, phrases in {
        "accuse": ["take issue", "go after", "lash out", "take aim", "point the finger", "find fault", "call out"],
        "deny": ["push back", "brush off", "brush aside", "shrug off", "wave off", "wave away", "bristle", "stand by"],
        "doubt": ["cast doubt", "call into question", "raise question", "raise doubt", "pour cold water"],
    }.items()
    for p in phrases
}

# Light verbs whose object noun carries the act ("expressed doubts", "levelled accusations").
OBJECT_NOUNS: dict[str, str] = _words(
    {
        "doubt": "doubt doubts suspicion suspicions skepticism scepticism questions",
        "accuse": "accusation accusations allegation allegations criticism blame charges indictment outrage "
        "anger fury ire disgust contempt",
    }
)

ASSERT_LEMMAS = word_set(
    "say tell state claim assert argue add note explain maintain contend declare announce report write "
    "tweet post reply respond answer acknowledge admit concede confirm mention remark comment observe "
    "point recall reveal disclose testify affirm stress emphasize emphasise conclude find show indicate "
    "accord believe think know describe characterize characterise label portray paint cast call dub brand "
    "term "
    "correlate link attribute"
)

# Cues that report no claim at all (acts, wants, questions): the content cannot give them a stance.
NO_CLAIM_LEMMAS = word_set(
    "ask decline refuse want hope plan intend seek try wish like love vote elect appoint approve sign "
    "launch ban nominate hire invite discuss"
)

# Cues that report speech: a stance word under one of these inside the content is another source's.
REPORTING_LEMMAS = word_set(
    "say tell claim assert argue add note explain state declare announce report write tweet post reply "
    "respond insist maintain contend call describe label brand dub term accuse blame criticize criticise "
    "charge allege deny reject dismiss suggest think believe warn"
)

# --- the content: words that make a neutral cue an accusation, a denial or a doubt --------------

# Rejections of a claim: "is not true", "false", "baseless", "categorically".
DENIAL_WORDS = word_set(
    "false untrue baseless groundless unfounded unsubstantiated erroneous inaccurate incorrect nonsense "
    "fabricated fabrication fiction fictitious lie lies hoax myth rubbish garbage bogus categorically "
    "flatly"
)
# Predicates that, negated, reject a claim: "is not true", "isn't accurate", "not the case".
TRUTH_WORDS = word_set("true accurate correct right factual")
# Nouns that, with "no", deny grounds: "no evidence", "no proof", "no basis".
GROUND_NOUNS = word_set("evidence proof basis truth merit substance foundation")
# Fixed denial phrases, as lower-case token sequences.
DENIAL_PHRASES = [
    tuple(p.split())
    for p in [
        "nothing to do with",
        "not the case",
        "no wrongdoing",
        "nothing wrong",
        "did nothing wrong",
        "done nothing wrong",
        "nothing illegal",
        "absolutely not",
        "not guilty",
        "never happened",
        "did not happen",
        "far from the truth",
    ]
]
# Denial words that, as a thing someone tells or spreads ("told lies", "false stories" aside), accuse.
LIE_NOUNS = word_set("lie lies falsehood falsehoods")
# Verbs after "never" that say nothing was done: "it never crossed my mind", "never wanted".
NEVER_NEUTRAL = word_set("be have want need like think expect know cross seem feel get lose win stop")

# Misdeeds that, when the content says they were not done, make it a denial ("did not violate").
MISDEED_VERBS = word_set(
    "lie cheat steal violate break commit collude bribe hack leak hide mislead deceive abuse harass assault "
    "rig fabricate plagiarize plagiarise falsify cover conspire coordinate pay sell bully threaten "
    "discriminate profit embezzle launder wiretap spy"
)

# Misdeeds that, said of someone else, accuse them: "the governor lied", "tried to deceive".
WRONGDOING_VERBS = word_set(
    "lie cheat steal deceive mislead bribe abuse harass rig fabricate plagiarize plagiarise falsify collude "
    "conspire embezzle launder betray exploit smear slander sabotage obstruct defraud swindle extort"
)

# Disbelief and uncertainty about a claim or an ability.
DOUBT_PHRASES = [
    tuple(p.split())
    for p in [
        "hard to believe",
        "difficult to believe",
        "impossible to believe",
        "hard to imagine",
        "difficult to imagine",
        "hard to see how",
        "difficult to see how",
        "remains to be seen",
        "remain to be seen",
        "not sure",
        "not convinced",
        "not persuaded",
        "not clear that",
        "far from clear",
        "far from certain",
        "strains credulity",
        "beggars belief",
        "defies belief",
        "do not buy",
        "does not buy",
        "did not buy",
    ]
]
DOUBT_WORDS = word_set(
    "questionable doubtful dubious implausible unconvinced skeptical sceptical far-fetched doubt doubts"
)
# Words in a question that make it rhetorical disbelief ("Who really believes ...?").
RHETORICAL_MARKERS = word_set("really seriously honestly believe believes buy expect anyone anybody")

# Negative judgements of an actor, an act, a policy or a statement.
CRITICISM_WORDS = word_set(
    """
    inadequate ineffective ineffectual irresponsible incompetent incompetence inept reckless negligent
    negligence dishonest dishonesty corrupt corruption disgraceful disgrace shameful shameless outrageous
    appalling deplorable despicable disgusting pathetic ridiculous absurd ludicrous laughable childish
    stupid foolish idiotic hypocrite hypocrites hypocritical hypocrisy liar liars lied lying misleading
    deceptive deceitful fraudulent rigged phony phoney sham scam unfit unqualified unacceptable
    unconscionable inexcusable indefensible disastrous disaster catastrophic fiasco debacle
    racist racism bigot bigoted bigotry sexist sexism xenophobic misogynist misogynistic hateful
    demagogue demagoguery divisive arrogant arrogance cowardly coward clueless ignorant betray betrayed
    betrayal abusive exploit exploited cheated crook crooked scandalous embarrassing embarrassment
    insulting biased unfair unjust injustice mismanagement wasteful blunder blunders undermine
    undermined undermining sabotage sabotaged smear slander vulgar nasty sleazy disrespect disrespectful
    contempt callous cruel inhumane heartless immoral unethical unpatriotic treason traitor traitors
    incoherent delusional dangerous failed failure failures flawed misguided wrongheaded shortsighted
    short-sighted hollow empty lousy terrible horrible awful worst pointless useless worthless
    destructive harmful damaging botched bungled exaggerate exaggerated exaggerating distort distorted
    distorting manipulate manipulated manipulative propaganda liability falsely deliberately fool fools bias dismissive
    disqualifying dysfunctional troubling crazy insane mongering scaremongering fearmongering warmongering
    untrustworthy unhinged clown clowns buffoon charlatan puppet puppets thug thugs idiot idiots moron
    pander pandering grandstanding posturing stunt ploy coverup cover-up collusion misconduct
    malfeasance cronyism nepotism incitement disservice recklessly irresponsibly dishonestly shamefully
    disgracefully wrong weak mistake mistakes joke
    """
)
# Criticism words that only judge when they are the predicate ("the plan is dangerous"), not as a
# modifier of a kind of thing ("dangerous goods", "empty seats", "failed states" still count there).
PREDICATE_ONLY = word_set(
    "dangerous empty hollow terrible horrible awful worst failure troubling crazy insane wrong weak mistake "
    "mistakes joke"
)
# Nouns that a criticism adjective describes without judging anyone: "terrible weather", "worst storm".
NEUTRAL_HEADS = word_set(
    "weather storm storms accident accidents disease diseases illness cancer flood floods fire fires "
    "earthquake hurricane drought crash tragedy loss losses injury injuries goods materials seats "
    "chair chairs room space streets ground"
)
