import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCandidateSearch } from '../../src/retrieval/candidates.ts';
import { coverageFor } from '../../src/retrieval/coverage.ts';
import { isEnglishWord } from '../../src/retrieval/english.ts';
import {
  createFeatureContext,
  FEATURES,
  featuresOf,
  focusMissing,
} from '../../src/retrieval/features.ts';
import { createLexicon } from '../../src/retrieval/lexicon.ts';
import { fitListwise, fitLogistic, linearScore, probability } from '../../src/retrieval/model.ts';
import { buildQuery, type Query } from '../../src/retrieval/query.ts';
import {
  ANSWER_FEATURES,
  CONFIDENCE_SIGNS,
  defaultMeaningModel,
  defaultModel,
  MEANING_ANSWER_FEATURES,
  scoreCandidates,
  trustedFirst,
} from '../../src/retrieval/scorer.ts';
import { centroidOf, cosine, cosineWith, vectorOf } from '../../src/retrieval/similarity.ts';
import { DEFAULT_TUNING } from '../../src/retrieval/tuning.ts';
import { fixtureLexicon } from './helpers.ts';

describe('the English dictionary', () => {
  it('tells a real word the knowledge may lack from a typo', () => {
    for (const word of ['weather', 'car', 'licence', 'a', 'zzz'])
      expect(isEnglishWord(word)).toBe(true);
    for (const word of ['refugge', 'asylm', 'persecusion', 'zzzzq', '', 'Weather', 'c12'])
      expect(isEnglishWord(word)).toBe(false);
  });
});

describe('phrasing similarity', () => {
  const vector = (text: string) => vectorOf(text, () => 1);
  it('is 1 for the same words, 0 for none shared, and forgives a typo', () => {
    expect(cosine(vector('work permit'), vector('permit work'))).toBeCloseTo(1, 5);
    expect(cosine(vector('work permit'), vector('weather forecast'))).toBe(0);
    expect(cosine(vector('persecusion'), vector('persecution'))).toBeGreaterThan(0.3);
  });

  it('gives the same closeness compared one to many as one to one, to the last bit', () => {
    const words = fc.constantFrom('work', 'permit', 'asylum', 'persecusion', 'canada', 'the', 'x');
    const text = fc.array(words, { maxLength: 12 }).map((list) => list.join(' '));
    fc.assert(
      fc.property(text, fc.array(text, { minLength: 1, maxLength: 5 }), (message, others) => {
        const closeness = cosineWith(vector(message));
        for (const other of others)
          expect(closeness(vector(other))).toBe(cosine(vector(message), vector(other)));
      }),
    );
  });

  it('makes a centroid closer to each of its phrasings than to an outsider', () => {
    const centroid = centroidOf([vector('work permit'), vector('get a job while i wait')]);
    expect(cosine(vector('a job while waiting'), centroid)).toBeGreaterThan(
      cosine(vector('asylum in mexico'), centroid),
    );
  });
});

describe('the order of the hits', () => {
  const hits = (...confidences: number[]) =>
    confidences.map((confidence, i) => ({ id: `p${i}`, confidence }));
  const ids = (list: readonly { id: string }[]) => list.map((hit) => hit.id);

  it('puts a trusted runner-up before an untrusted first, and changes nothing else', () => {
    expect(ids(trustedFirst(hits(0.1, 0.3, 0.9), 0.2))).toEqual(['p1', 'p0', 'p2']);
    // The first trusted, neither trusted, or only the third: the ranker's order stands.
    expect(ids(trustedFirst(hits(0.25, 0.9), 0.2))).toEqual(['p0', 'p1']);
    expect(ids(trustedFirst(hits(0.1, 0.15), 0.2))).toEqual(['p0', 'p1']);
    expect(ids(trustedFirst(hits(0.1, 0.1, 0.9), 0.2))).toEqual(['p0', 'p1', 'p2']);
    expect(trustedFirst([], 0.2)).toEqual([]);
  });
});

describe('the models', () => {
  it('a logistic regression learns which side of a line examples fall on', () => {
    const examples = Array.from({ length: 40 }, (_, i) => ({
      x: [i / 40, (i % 3) / 3],
      y: (i >= 20 ? 1 : 0) as 0 | 1,
    }));
    const model = fitLogistic(examples, ['signal', 'noise'], { iterations: 500 });
    expect(probability(model, [0.9, 0])).toBeGreaterThan(0.8);
    expect(probability(model, [0.1, 0])).toBeLessThan(0.2);
    expect(Math.abs(model.weights[0] ?? 0)).toBeGreaterThan(Math.abs(model.weights[1] ?? 0));
  });

  it('the shipped confidences keep the signs they were trained with', () => {
    // A sign named for a feature the confidence does not read would hold nothing.
    expect(
      Object.keys(CONFIDENCE_SIGNS).filter(
        (name) => !(MEANING_ANSWER_FEATURES as readonly string[]).includes(name),
      ),
    ).toEqual([]);
    for (const { answer } of [defaultModel(), defaultMeaningModel()]) {
      const broken = answer.features.filter((name, j) => {
        const sign = CONFIDENCE_SIGNS[name];
        return sign !== undefined && sign * (answer.weights[j] ?? 0) < 0;
      });
      expect(broken).toEqual([]);
    }
  });

  it('a logistic fit keeps the signs it is told to, and fits the rest around them', () => {
    // "coverage" goes with the wrong answer in this sample (as the declines, written in the
    // domain's words, made it look in training), "signal" with the right one.
    const examples = Array.from({ length: 60 }, (_, i) => {
      const right = i % 2 === 0;
      return {
        x: [right ? 0.7 + (i % 5) / 20 : 0.3 - (i % 5) / 20, right ? 0.2 : 0.6 + (i % 3) / 10],
        y: (right ? 1 : 0) as 0 | 1,
      };
    });
    const features = ['signal', 'coverage'];
    const free = fitLogistic(examples, features, { iterations: 300 });
    expect(free.weights[1]).toBeLessThan(0);
    const held = fitLogistic(examples, features, { iterations: 300, signs: { coverage: 1 } });
    expect(held.weights[1]).toBeGreaterThanOrEqual(0);
    expect(held.weights[0]).toBeGreaterThan(0);
    expect(probability(held, [0.9, 0.2])).toBeGreaterThan(probability(held, [0.2, 0.2]));
    const negative = fitLogistic(examples, features, { iterations: 300, signs: { signal: -1 } });
    expect(negative.weights[0]).toBeLessThanOrEqual(0);
  });

  it('a listwise ranker learns what sets the right candidate apart from the others', () => {
    // The right candidate always has the higher first feature; the second is noise.
    const groups = Array.from({ length: 30 }, (_, i) => ({
      candidates: [
        [0.2 + (i % 5) / 10, (i % 2) * 1.0],
        [0.8 + (i % 5) / 10, ((i + 1) % 2) * 1.0],
      ],
      positive: 1,
    }));
    const ranker = fitListwise(groups, ['signal', 'noise'], { iterations: 300 });
    expect(linearScore(ranker, [0.9, 0])).toBeGreaterThan(linearScore(ranker, [0.3, 1]));
  });

  it('a listwise ranker heeds the messages that count more (a weight per message)', () => {
    // Half the messages are answered by the candidate with the higher first feature, half by the
    // one with the higher second: the heavier half decides which feature weighs more.
    const groupsFor = (heavy: 0 | 1) =>
      Array.from({ length: 40 }, (_, i) => {
        const decidedBy = i % 2;
        return {
          candidates: [
            [1, 0],
            [0, 1],
          ],
          positive: decidedBy,
          weight: decidedBy === heavy ? 5 : 1,
        };
      });
    const towardFirst = fitListwise(groupsFor(0), ['a', 'b'], { iterations: 300 });
    const towardSecond = fitListwise(groupsFor(1), ['a', 'b'], { iterations: 300 });
    expect(linearScore(towardFirst, [1, 0])).toBeGreaterThan(linearScore(towardFirst, [0, 1]));
    expect(linearScore(towardSecond, [0, 1])).toBeGreaterThan(linearScore(towardSecond, [1, 0]));
  });

  it('a listwise ranker leaves a feature it must not weigh at 0', () => {
    const groups = Array.from({ length: 30 }, (_, i) => ({
      candidates: [
        [0.2 + (i % 5) / 10, 0],
        [0.8 + (i % 5) / 10, 1],
      ],
      positive: 1,
    }));
    const ranker = fitListwise(groups, ['signal', 'confidenceOnly'], {
      iterations: 300,
      unweighed: ['confidenceOnly'],
    });
    expect(ranker.weights[1]).toBe(0);
    expect(ranker.weights[0]).toBeGreaterThan(0);
  });

  it('reads an unknown (NaN) feature as its average: it moves the score neither way', () => {
    const model = { features: ['a', 'b'], mean: [0.5, 2], scale: [1, 1], weights: [1, 3], bias: 0 };
    expect(linearScore(model, [0.5, Number.NaN])).toBe(linearScore(model, [0.5, 2]));
    expect(Number.isFinite(probability(model, [Number.NaN, Number.NaN]))).toBe(true);
  });
});

describe('features and scores', () => {
  it('describe each candidate, and the shipped model reads them in the same order', async () => {
    const { knowledge, lexicon } = await fixtureLexicon();
    expect(defaultModel().ranker.features).toEqual([...FEATURES]);
    expect(defaultModel().answer.features).toEqual([...ANSWER_FEATURES]);
    const context = createFeatureContext(knowledge.passages, lexicon, {
      utterances: [{ text: 'can i get a job while i wait for my hearing', passage: 'work-permit' }],
      declines: ['how do i bring my car across the border'],
    });
    const search = createCandidateSearch(knowledge.passages, lexicon, DEFAULT_TUNING);
    const featuresFor = (message: string) => {
      const query = buildQuery(message, {}, lexicon, DEFAULT_TUNING) as Query;
      const measure = coverageFor(query, lexicon, DEFAULT_TUNING);
      const found = search.search(query).map((c) => ({ ...c, ...measure(c) }));
      const rows = featuresOf(query, found, context, message);
      const byId = new Map(found.map((c, i) => [c.id, rows[i] ?? []]));
      const value = (id: string, name: (typeof FEATURES)[number]) =>
        byId.get(id)?.[FEATURES.indexOf(name)];
      return { found, rows, value };
    };

    const job = featuresFor('can i get a job while i wait');
    expect(job.value('work-permit', 'nearest')).toBeGreaterThan(0.5);
    expect(job.value('work-permit', 'centroidGap')).toBe(0);

    // Germany is named: a passage that never mentions it does not fit.
    const germany = featuresFor('can americans claim asylum in germany');
    expect(germany.value('germany', 'placeMismatch')).toBe(0);
    expect(germany.value('mexico', 'placeMismatch')).toBe(1);

    // "car" is real English the knowledge never uses; "mexco" is a typo.
    const car = featuresFor('can i bring my car to mexico');
    expect(car.value('mexico', 'unknownWords')).toBeGreaterThan(0);
    expect(car.value('mexico', 'declineNearest')).toBeGreaterThan(0.3);
    expect(featuresFor('asylum in mexco').value('mexico', 'unknownWords')).toBe(0);

    const scores = scoreCandidates(defaultModel(), job.rows);
    for (const { confidence } of scores) {
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('what the knowledge is about', () => {
  // The fixture, with Sweden named once in passing in the Mexico passage's body.
  const featuresFor = async (message: string) => {
    const { knowledge } = await fixtureLexicon();
    const passages = knowledge.passages.map((passage) =>
      passage.id === 'mexico'
        ? { ...passage, body: `${passage.body} Some Americans look at Sweden as well.` }
        : passage,
    );
    const lexicon = createLexicon(passages, knowledge.synonyms, DEFAULT_TUNING);
    const context = createFeatureContext(passages, lexicon, {
      utterances: [{ text: 'can i get a paycheck while i wait', passage: 'work-permit' }],
      declines: [],
    });
    const query = buildQuery(message, {}, lexicon, DEFAULT_TUNING) as Query;
    const measure = coverageFor(query, lexicon, DEFAULT_TUNING);
    const search = createCandidateSearch(passages, lexicon, DEFAULT_TUNING);
    const found = search.search(query).map((c) => ({ ...c, ...measure(c) }));
    const rows = featuresOf(query, found, context, message);
    const byId = new Map(found.map((c, i) => [c.id, rows[i] ?? []]));
    return (id: string, name: (typeof FEATURES)[number]) => byId.get(id)?.[FEATURES.indexOf(name)];
  };

  it('a country only named in passing in a body is not covered, one a passage is about is', async () => {
    const sweden = await featuresFor('can americans claim asylum in sweden');
    expect(sweden('mexico', 'unknownPlace')).toBe(0);
    expect(sweden('mexico', 'uncoveredPlace')).toBe(1);
    expect(
      (await featuresFor('can americans claim asylum in japan'))('mexico', 'uncoveredPlace'),
    ).toBe(1);
    // Covered by a jurisdiction, under another name, or a region of the home country.
    expect(
      (await featuresFor('can americans claim asylum in mexico'))('mexico', 'uncoveredPlace'),
    ).toBe(0);
    expect(
      (await featuresFor('asylum in deutschland for americans'))('germany', 'uncoveredPlace'),
    ).toBe(0);
    expect(
      (await featuresFor('can refugee claimants work in british columbia'))(
        'work-permit',
        'uncoveredPlace',
      ),
    ).toBe(0);
  });

  it('a passage about another country than the one asked about does not fit', async () => {
    const canada = await featuresFor('can americans claim asylum in canada');
    expect(canada('mexico', 'jurisdictionMismatch')).toBe(1);
    expect(canada('claim-in-canada', 'jurisdictionMismatch')).toBe(0);
    // A passage about no country is about none other.
    const lawyer = await featuresFor('how do i find a lawyer for my asylum claim in canada');
    expect(lawyer('find-a-lawyer', 'jurisdictionMismatch')).toBe(0);
    expect(lawyer('mexico', 'jurisdictionMismatch')).toBe(1);
    const mexico = await featuresFor('can americans claim asylum in mexico');
    expect(mexico('mexico', 'jurisdictionMismatch')).toBe(0);
    expect(mexico('claim-in-canada', 'jurisdictionMismatch')).toBe(1);
    // A country the knowledge is not about is uncoveredPlace's: no passage is marked.
    const japan = await featuresFor('can americans claim asylum in japan');
    expect(japan('mexico', 'jurisdictionMismatch')).toBe(0);
    expect(japan('claim-in-canada', 'jurisdictionMismatch')).toBe(0);
  });

  it('the rarest words asked must be found in the passage, its phrasings or their synonyms', async () => {
    const work = await featuresFor('can refugee claimants work in canada');
    expect(work('work-permit', 'focusMissing')).toBe(0);
    // "paycheck" is only in a training phrasing of the passage; "work visa" a synonym.
    expect(
      (await featuresFor('can claimants get a paycheck while they wait'))(
        'work-permit',
        'focusMissing',
      ),
    ).toBe(0);
    expect(
      (await featuresFor('can refugee claimants get a work visa'))('work-permit', 'focusMissing'),
    ).toBe(0);
    // A story's rare words are not asked, even when its next sentence starts in lowercase.
    const story = await featuresFor(
      'been stockpiling fishing licences for weeks. can refugee claimants work in canada?',
    );
    expect(story('work-permit', 'focusMissing')).toBe(0);
    const licence = await featuresFor('can refugee claimants work with a fishing licence');
    expect(licence('work-permit', 'focusMissing')).toBeGreaterThan(0.5);
  });

  it('weighs each missing word by its rarity', () => {
    const focus = [
      { keys: ['benefit'], weight: 3 },
      { keys: ['child', 'kid'], weight: 1 },
    ];
    expect(focusMissing(focus, new Set(['kid']))).toBeCloseTo(0.75);
    expect(focusMissing(focus, new Set(['benefit', 'child']))).toBe(0);
    expect(focusMissing([], new Set())).toBe(0);
  });
});
