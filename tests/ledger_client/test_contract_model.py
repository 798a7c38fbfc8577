"""Property tests of the consent contract against a reference model. ``expected_reasons`` states the
access rules declaratively (owner allowed; a grantee only with the matching purpose, in scope, after
not_before, before expiry, not revoked, not used up: a limited-use consent releases each of its
records and its envelope at most ``max_reads`` times, counted per consent by the committed access
events alone; a key envelope belongs to the grantor whose consent named it first, and no other
grantor may name it; it is never released once a record it opens was deleted, nor after its consent
was narrowed) and lists *every* rule a read breaks; ``may_access`` must allow exactly the reads the
model allows and, when it refuses, name the first broken rule in the documented order. A stateful
machine then drives random operation sequences (valid and hostile) and checks that refusals leave
the state unchanged and that replaying the committed blocks rebuilds the identical state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from ledger_client.contract import is_used_up, may_access, reads_left
from ledger_client.errors import EnvelopeRefused, MalformedError
from ledger_client.tx import PURPOSES

from .chain import GOV, PRODUCER, T0, MemChain, blob_hash, fixed_key

# Precedence of the reasons when several rules are broken at once.
ORDER = ("unknown_record", "record_retired", "no_consent", "unknown_consent", "wrong_grantee", "not_in_scope",
         "wrong_purpose", "consent_revoked", "consent_not_yet_valid", "consent_expired", "consent_used_up",
         "envelope_retired")


@dataclass
class ModelConsent:
    grantor: str
    grantee: str
    records: set[str]
    purpose: str
    not_before: int
    expires_at: int
    envelope: str | None = None
    revoked: bool = False
    retired_envelopes: list[str] = field(default_factory=list)
    max_reads: int | None = None  # None: unlimited
    reads: dict[str, int] = field(default_factory=dict)  # item (record or envelope) -> committed reads


@dataclass
class Model:
    owners: dict[str, str] = field(default_factory=dict)  # record -> owner key
    retired: set[str] = field(default_factory=set)
    consents: dict[str, ModelConsent] = field(default_factory=dict)
    envelopes: dict[str, str] = field(default_factory=dict)  # key envelope -> the grantor it is bound to

    def may_name(self, grantor: str, envelope: str | None) -> bool:
        """Whether a consent of ``grantor`` may name ``envelope`` (its own or a new one)."""
        return envelope is None or self.envelopes.get(envelope, grantor) == grantor


def expected_reasons(model: Model, requester: str, record: str, purpose: str, time: int,
                     consent_id: str | None) -> list[str]:
    """Every rule the read breaks (empty list: allowed), in ``ORDER``."""
    consent = model.consents.get(consent_id) if consent_id else None
    owner = model.owners.get(record)
    is_envelope = consent is not None and consent.envelope == record
    is_old_envelope = consent is not None and record in consent.retired_envelopes
    if is_envelope:
        assert consent is not None and model.envelopes[record] == consent.grantor  # the contract's binding
    broken = set()
    if owner is None and not is_envelope and not is_old_envelope:
        return ["unknown_record"]
    if record in model.retired:
        return ["record_retired"]
    if owner is not None and requester == owner:
        return []
    if consent_id is None:
        return ["no_consent"]
    if consent is None:
        return ["unknown_consent"]
    if owner is not None and consent.grantor != owner:
        return ["not_in_scope"]  # another patient's consent never covers this record
    if consent.grantee != requester:
        broken.add("wrong_grantee")
    if not (record in consent.records or is_envelope or is_old_envelope):
        broken.add("not_in_scope")
    if consent.purpose != purpose:
        broken.add("wrong_purpose")
    if consent.revoked:
        broken.add("consent_revoked")
    if time < consent.not_before:
        broken.add("consent_not_yet_valid")
    if time >= consent.expires_at:
        broken.add("consent_expired")
    if consent.max_reads is not None and consent.reads.get(record, 0) >= consent.max_reads:
        broken.add("consent_used_up")
    if is_old_envelope or (is_envelope and consent.records & model.retired):
        broken.add("envelope_retired")  # it holds the key of a deleted record
    return [reason for reason in ORDER if reason in broken]


def check_decision(chain: MemChain, model: Model, requester: str, record: str, purpose: str, time: int,
                   consent_id: str | None) -> None:
    decision = may_access(chain.state, requester, record, purpose, time, consent_id)
    broken = expected_reasons(model, requester, record, purpose, time, consent_id)
    if not broken:
        assert decision.allowed, (decision, requester, record, purpose, time, consent_id)
        owner = model.owners.get(record)
        assert decision.reason == ("owner" if owner == requester else "consent")
    else:
        assert not decision.allowed
        assert decision.reason == broken[0], (decision.reason, broken)


# --- a random world, every read checked --------------------------------------------------

PATIENTS = [fixed_key(f"patient/{i}") for i in range(2)]
CLINICS = [fixed_key(f"clinic/{i}") for i in range(2)]
STRANGER = fixed_key("stranger")

GRANTS = st.lists(st.tuples(
    st.integers(0, 1), st.integers(0, 1), st.sets(st.integers(0, 2), min_size=1), st.sampled_from(PURPOSES),
    st.integers(-100, 100), st.integers(1, 200), st.booleans(), st.sampled_from([None, 0, 1, 2])), max_size=5)
ENVELOPES = [blob_hash(f"envelope/{n}") for n in range(3)]


def build_world(grants) -> tuple[MemChain, Model, list[str]]:
    chain, model = MemChain(), Model()
    for clinic in CLINICS:
        chain.institution(key=clinic)
    records = []
    for index, patient in enumerate(PATIENTS):
        chain.patient(patient)
        for n in range(3):
            record = chain.record(patient, blob_hash(f"{index}/{n}"))
            model.owners[record] = patient.public
            records.append(record)
    for who, clinic, picks, purpose, start, length, revoke, envelope in grants:
        patient = PATIENTS[who]
        mine = [records[who * 3 + p] for p in sorted(picks)]
        not_before = T0 + start
        expires_at = max(not_before + length, T0 + 1)
        env = None if envelope is None else ENVELOPES[envelope]
        if not model.may_name(patient.public, env):  # another patient's envelope: refused, nothing written
            payload = {"grantee": CLINICS[clinic].public, "records": mine, "purpose": purpose,
                       "not_before": not_before, "expires_at": expires_at, "envelope": env}
            assert chain.refuse(chain.tx(patient, "grant_consent", payload)).code == "envelope_of_another"
            continue
        consent = chain.grant(patient, CLINICS[clinic], mine, purpose, not_before, expires_at, env)
        model.consents[consent] = ModelConsent(patient.public, CLINICS[clinic].public, set(mine), purpose,
                                               not_before, expires_at, env)
        if env is not None:
            model.envelopes.setdefault(env, patient.public)
        if revoke:
            chain.revoke(patient, consent)
            model.consents[consent].revoked = True
    retired = records[2]  # patient 0's third record, possibly in some consents
    chain.accept(PATIENTS[0], "retire_record", {"record": retired})
    model.retired.add(retired)
    return chain, model, records


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GRANTS, st.data())
def test_may_access_matches_the_reference_model(grants, data):
    chain, model, records = build_world(grants)
    consents = list(model.consents)
    envelopes = [c.envelope for c in model.consents.values() if c.envelope]
    times = sorted({T0 - 150, T0 + 350} | {t for c in model.consents.values()
                                           for t in (c.not_before - 1, c.not_before, c.expires_at - 1, c.expires_at)})
    requesters = [k.public for k in PATIENTS + CLINICS + [STRANGER]]
    # Every boundary of every consent, for the reads closest to being allowed...
    for consent_id, consent in model.consents.items():
        for record in [*consent.records, consent.envelope or records[0]]:
            for time in times:
                for requester in (consent.grantee, consent.grantor, STRANGER.public):
                    check_decision(chain, model, requester, record, consent.purpose, time, consent_id)
    # ...and random reads.
    for _ in range(40):
        check_decision(
            chain, model,
            data.draw(st.sampled_from(requesters)),
            data.draw(st.sampled_from(records + envelopes + [blob_hash("unknown")])),
            data.draw(st.sampled_from(PURPOSES)),
            data.draw(st.sampled_from(times)),
            data.draw(st.sampled_from(consents + [None, "99" * 32])),
        )


def test_every_reason_is_reachable():
    """The model's world produces each refusal code (guards against a vacuous property)."""
    chain, model, records = build_world([(0, 0, {0}, "treatment", -10, 50, False, 0),
                                         (0, 1, {1}, "research", 50, 50, False, None),
                                         (1, 0, {0}, "treatment", -10, 50, True, None),
                                         (0, 0, {1, 2}, "treatment", -10, 50, False, 1)])
    c_ok, c_later, c_revoked, c_deleted = model.consents
    clinic0, clinic1 = CLINICS[0].public, CLINICS[1].public
    once = chain.grant(PATIENTS[0], CLINICS[0], [records[0]], "treatment", T0 - 10, T0 + 50, max_reads=1)
    model.consents[once] = ModelConsent(PATIENTS[0].public, clinic0, {records[0]}, "treatment", T0 - 10, T0 + 50,
                                        max_reads=1)
    assert may_access(chain.state, clinic0, records[0], "treatment", T0, once).allowed
    assert chain.block(chain.event(chain.request(CLINICS[0], records[0], once)))[0]  # its one read
    model.consents[once].reads[records[0]] = 1
    cases = {
        "unknown_record": (clinic0, blob_hash("unknown"), "treatment", T0, c_ok),
        "record_retired": (clinic0, records[2], "treatment", T0, c_ok),
        "envelope_retired": (clinic0, model.consents[c_deleted].envelope, "treatment", T0, c_deleted),
        "no_consent": (clinic0, records[0], "treatment", T0, None),
        "unknown_consent": (clinic0, records[0], "treatment", T0, "99" * 32),
        "wrong_grantee": (clinic1, records[0], "treatment", T0, c_ok),
        "not_in_scope": (clinic0, records[1], "treatment", T0, c_ok),
        "wrong_purpose": (clinic0, records[0], "research", T0, c_ok),
        "consent_revoked": (clinic0, records[3], "treatment", T0, c_revoked),
        "consent_not_yet_valid": (clinic1, records[1], "research", T0, c_later),
        "consent_expired": (clinic0, records[0], "treatment", T0 + 40, c_ok),
        "consent_used_up": (clinic0, records[0], "treatment", T0, once),
    }
    assert set(cases) == set(ORDER)
    for reason, query in cases.items():
        assert expected_reasons(model, *query) == [reason]
        assert may_access(chain.state, *query).reason == reason
    envelope = model.consents[c_ok].envelope
    assert may_access(chain.state, clinic0, envelope, "treatment", T0, c_ok).allowed


def test_a_consent_naming_another_patients_envelope_is_refused_and_releases_nothing():
    """Envelope aliasing: a patient (or a clinic's colluding pseudonym) names a victim's envelope."""
    chain, model, records = build_world([(0, 0, {0}, "treatment", -10, 50, False, 0)])
    (victims,) = model.consents
    envelope = model.consents[victims].envelope
    thief = chain.patient()
    mine = chain.record(thief)
    payload = {"grantee": CLINICS[1].public, "records": [mine], "purpose": "treatment",
               "not_before": T0 - 10, "expires_at": T0 + 50, "envelope": envelope}
    before = chain.hash()
    error = chain.refuse(chain.tx(thief, "grant_consent", payload))
    assert isinstance(error, EnvelopeRefused) and error.code == "envelope_of_another"
    assert "another pseudonym" in str(error)
    assert chain.hash() == before
    assert chain.state.get(f"env/{envelope}") == {"grantor": PATIENTS[0].public, "consent": victims}
    # The thief's own consent naming a fresh envelope works, and never opens the victim's.
    own = chain.grant(thief, CLINICS[1], [mine], "treatment", T0 - 10, T0 + 50, blob_hash("thief/envelope"))
    assert may_access(chain.state, CLINICS[1].public, envelope, "treatment", T0, own).reason == "unknown_record"
    assert may_access(chain.state, CLINICS[1].public, envelope, "treatment", T0, victims).reason == "wrong_grantee"
    # The grantor may name its own envelope again (a second consent to the same clinic).
    again = chain.grant(PATIENTS[0], CLINICS[0], [records[0]], "treatment", T0 - 10, T0 + 50, envelope)
    assert may_access(chain.state, CLINICS[0].public, envelope, "treatment", T0, again).allowed
    assert chain.replay() == chain.hash()


# --- random operation sequences ----------------------------------------------------------------

class ConsentMachine(RuleBasedStateMachine):
    """Random valid and hostile operations; refusals never change the state."""

    @initialize()
    def setup(self):
        self.chain, self.model = MemChain(), Model()
        self.patients = [self.chain.patient(fixed_key(f"m/patient/{i}")) for i in range(2)]
        self.clinics = [self.chain.institution(key=fixed_key(f"m/clinic/{i}")) for i in range(2)]
        self.records: list[str] = []
        self.accepted = []
        self.n = 0
        for who in (0, 1):
            self.anchor(who)

    def _refused(self, tx, *codes):
        error = self.chain.refuse(tx)
        assert error.code in codes, (error.code, codes)

    def _ok(self, key, tx_type, payload):
        self.accepted.append(self.chain.accept(key, tx_type, payload))

    @rule(who=st.integers(0, 1))
    def anchor(self, who):
        self.n += 1
        record = blob_hash(f"m/{self.n}")
        self._ok(self.patients[who], "anchor_record", {"record": record, "size": self.n, "category": "lab"})
        self.model.owners[record] = self.patients[who].public
        self.records.append(record)

    @precondition(lambda self: self.records)
    @rule(data=st.data(), clinic=st.integers(0, 1), purpose=st.sampled_from(PURPOSES),
          start=st.integers(-50, 50), length=st.integers(1, 100), envelope=st.sampled_from([None, 0, 1, 2]),
          max_reads=st.sampled_from([None, None, 1, 2]))
    def grant(self, data, clinic, purpose, start, length, envelope, max_reads):
        record = data.draw(st.sampled_from(self.records))
        owner = next(p for p in self.patients if p.public == self.model.owners[record])
        mine = sorted(r for r in self.records if self.model.owners[r] == owner.public)
        records = sorted({record} | data.draw(st.sets(st.sampled_from(mine), max_size=2)))
        not_before, expires_at = self.chain.time + start, max(self.chain.time + start + length, self.chain.time + 1)
        env = None if envelope is None else blob_hash(f"m/envelope/{envelope}")
        payload = {"grantee": self.clinics[clinic].public, "records": records, "purpose": purpose,
                   "not_before": not_before, "expires_at": expires_at, **({"envelope": env} if env else {}),
                   **({"max_reads": max_reads} if max_reads else {})}
        if set(records) & self.model.retired:
            return self._refused(self.chain.tx(owner, "grant_consent", payload), "record_retired")
        other = next(p for p in self.patients if p is not owner)
        self._refused(self.chain.tx(other, "grant_consent", payload), "not_owner")
        if not self.model.may_name(owner.public, env):
            return self._refused(self.chain.tx(owner, "grant_consent", payload), "envelope_of_another")
        self._ok(owner, "grant_consent", payload)
        self.model.consents[self.accepted[-1].id] = ModelConsent(owner.public, payload["grantee"], set(records),
                                                                 purpose, not_before, expires_at, env,
                                                                 max_reads=max_reads)
        # A grant that tried to carry its own count is refused by the schema: the count is the contract's.
        with pytest.raises(MalformedError):
            self.chain.tx(owner, "grant_consent", {**payload, "reads": {records[0]: 0}})
        if env is not None:
            self.model.envelopes.setdefault(env, owner.public)

    @precondition(lambda self: any(len(c.records) > 1 for c in self.model.consents.values()))
    @rule(data=st.data())
    def narrow(self, data):
        consent_id = data.draw(st.sampled_from(sorted(c for c, v in self.model.consents.items()
                                                      if len(v.records) > 1)))
        consent = self.model.consents[consent_id]
        grantor = next(p for p in self.patients if p.public == consent.grantor)
        keep = sorted(data.draw(st.sets(st.sampled_from(sorted(consent.records)), min_size=1,
                                        max_size=len(consent.records) - 1)))
        self.n += 1
        payload = {"consent": consent_id, "records": keep, "envelope": blob_hash(f"m/narrowed/{self.n}")}
        intruder = next(p for p in self.patients if p is not grantor)
        self._refused(self.chain.tx(intruder, "narrow_consent", payload), "not_grantor")
        self._refused(self.chain.tx(grantor, "narrow_consent", {**payload, "records": sorted(consent.records)}),
                      "already_revoked" if consent.revoked else "bad_narrow")
        # The rules in the contract's order: revoked, then a deleted record kept, then a reused envelope.
        refusal = ("already_revoked" if consent.revoked else
                   "record_retired" if set(keep) & self.model.retired else None)
        if consent.envelope:
            self._refused(self.chain.tx(grantor, "narrow_consent", {**payload, "envelope": consent.envelope}),
                          refusal or "bad_envelope")
        if refusal:
            return self._refused(self.chain.tx(grantor, "narrow_consent", payload), refusal)
        self._ok(grantor, "narrow_consent", payload)
        consent.retired_envelopes += [consent.envelope] if consent.envelope else []
        consent.records, consent.envelope = set(keep), payload["envelope"]
        self.model.envelopes.setdefault(payload["envelope"], grantor.public)

    @precondition(lambda self: self.model.consents)
    @rule(data=st.data())
    def revoke(self, data):
        consent_id = data.draw(st.sampled_from(sorted(self.model.consents)))
        consent = self.model.consents[consent_id]
        grantor = next(p for p in self.patients if p.public == consent.grantor)
        intruder = next(p for p in self.patients if p is not grantor)
        self._refused(self.chain.tx(intruder, "revoke_consent", {"consent": consent_id}), "not_grantor")
        self._refused(self.chain.tx(self.clinics[0], "revoke_consent", {"consent": consent_id}), "not_grantor")
        if consent.revoked:
            return self._refused(self.chain.tx(grantor, "revoke_consent", {"consent": consent_id}), "already_revoked")
        self._ok(grantor, "revoke_consent", {"consent": consent_id})
        consent.revoked = True

    @precondition(lambda self: self.records)
    @rule(data=st.data())
    def retire(self, data):
        record = data.draw(st.sampled_from(self.records))
        owner = next(p for p in self.patients if p.public == self.model.owners[record])
        if record in self.model.retired:
            return self._refused(self.chain.tx(owner, "retire_record", {"record": record}), "record_retired")
        self._ok(owner, "retire_record", {"record": record})
        self.model.retired.add(record)

    def _envelopes(self) -> list[str]:
        return sorted({e for c in self.model.consents.values() for e in [c.envelope, *c.retired_envelopes] if e})

    @precondition(lambda self: self.records)
    @rule(data=st.data(), purpose=st.sampled_from(PURPOSES), requester=st.integers(0, 3))
    def read(self, data, purpose, requester):
        key = (self.clinics + self.patients)[requester]
        record = data.draw(st.sampled_from(self.records + self._envelopes()))
        consent = data.draw(st.sampled_from(sorted(self.model.consents) + [None]))
        request = self.chain.request(key, record, consent, purpose)
        broken = expected_reasons(self.model, key.public, record, purpose, self.chain.time, consent)
        self._refused(self.chain.event(request, signer=key), "not_a_node")
        if broken:
            self._refused(self.chain.event(request), "access_not_allowed")
            wrong = next(r for r in ORDER if r != broken[0])
            self._refused(self.chain.event(request, wrong), "refusal_not_justified")
            self.accepted.append(self.chain.event(request, broken[0]))
        else:
            self._refused(self.chain.event(request, "wrong_purpose"), "refusal_not_justified")
            self.accepted.append(self.chain.event(request))
            if consent is not None and self.model.owners.get(record) != key.public:  # a read under the consent
                counted = self.model.consents[consent]
                counted.reads[record] = counted.reads.get(record, 0) + 1
        assert self.chain.block(self.accepted[-1])[0]
        self._refused(self.chain.event(request, broken[0] if broken else None), "replayed_request")

    @rule(seconds=st.integers(1, 60))
    def advance_time(self, seconds):
        self.chain.time += seconds

    @precondition(lambda self: self.accepted)
    @rule(data=st.data())
    def replay_old_transaction(self, data):
        tx = data.draw(st.sampled_from(self.accepted))
        self._refused(tx, "replayed", "stale")

    @rule(who=st.integers(0, 1), skip=st.integers(2, 5))
    def skip_sequence_numbers(self, who, skip):
        key = self.patients[who]
        payload = {"record": blob_hash("never"), "size": 1, "category": "lab"}
        self._refused(self.chain.tx(key, "anchor_record", payload, seq=self.chain.next_seq(key) + skip - 1),
                      "out_of_order")

    @rule(signer=st.sampled_from(["patient", "clinic", "producer"]))
    def non_governance_registers_an_institution(self, signer):
        key = {"patient": self.patients[0], "clinic": self.clinics[0], "producer": PRODUCER}[signer]
        payload = {"name": "Rogue", "kind": "clinic", "sign_key": fixed_key("rogue").public, "box_key": "ab" * 32}
        self._refused(self.chain.tx(key, "register_institution", payload), "not_governance")

    @invariant()
    def decisions_match_the_model(self):
        if not hasattr(self, "chain"):
            return
        for consent_id, consent in self.model.consents.items():
            for record in sorted(consent.records) + [consent.envelope or self.records[0], *consent.retired_envelopes]:
                for requester in (consent.grantee, consent.grantor, self.clinics[0].public):
                    check_decision(self.chain, self.model, requester, record, consent.purpose, self.chain.time,
                                   consent_id)
            state = self.chain.state.get(f"cons/{consent_id}")
            assert state.get("reads", {}) == {k: v for k, v in consent.reads.items()}  # counted here, nowhere else
            if consent.max_reads is None:
                assert reads_left(state) is None and not is_used_up(state)
            else:
                assert reads_left(state) == max(0, consent.max_reads - max(consent.reads.values(), default=0))

    def teardown(self):
        if hasattr(self, "chain"):
            assert self.chain.replay() == self.chain.hash()
            assert self.chain.state.get(f"acct/{GOV.public}")["seq"] == 2


ConsentMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None,
                                            suppress_health_check=[HealthCheck.too_slow])
TestConsentMachine = ConsentMachine.TestCase
