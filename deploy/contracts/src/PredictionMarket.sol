// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./NotaryRegistry.sol";

/// @title PredictionMarket
/// @notice Binary markets settled by a registered devproof notary's EIP-712
/// statements. A market commits to its whole definition when created: the
/// source, the JSON pointer, the comparison, and an observation window
/// [resolveAfter, resolveAfter + window]. Its outcome is the earliest
/// valid observation submitted, by anyone, before the market closes
/// (window end + challengePeriod); a later observation never replaces an
/// earlier one, so whoever runs the notary cannot pick among them by
/// choosing what to submit when. With no valid observation the market is
/// void and every stake is refunded.
///
/// Every compose hash the notary's app allows gets the same signer, so new
/// code could sign anything. The app's DevproofAppAuth makes new code wait
/// `delay` in public: a market must close within that delay of its
/// creation, cannot open while a change that could take effect before it
/// closes is pending, and takes no statement once any loosening change took
/// effect after its creation.
contract PredictionMarket {
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant STATEMENT_TYPEHASH = keccak256(
        "Statement(bytes32 requestHash,bytes32 responseHash,bytes32 sessionHash,bytes value,uint64 observedAt,bytes32 marketId,bytes32 terms)"
    );
    bytes32 private constant TERMS_TYPEHASH = keccak256(
        "Terms(string sourceUrl,string pointer,string comparator,string threshold,uint64 resolveAfter,uint64 window)"
    );

    NotaryRegistry public immutable registry;
    DevproofAppAuth public immutable appAuth;
    /// @notice Seconds after an observation window ends during which an
    /// earlier observation can still be submitted.
    uint64 public immutable challengePeriod;

    enum Status {
        None,
        Betting, // before resolveAfter
        Observing, // statements accepted, until closesAt
        Resolved, // closed with an observation: pays the winning side
        Void // closed without one: refunds every stake
    }

    struct Market {
        bool exists;
        uint64 createdAt;
        uint64 resolveAfter;
        uint64 window;
        bytes32 terms;
        uint256 yesPool;
        uint256 noPool;
        /// The earliest valid observation so far; 0 while there is none.
        uint64 observedAt;
        bool outcome;
        bytes32 sessionHash;
        /// Paid out so far, and the winning stakes paid, so that the last
        /// winner to claim also gets what rounding left.
        uint256 paid;
        uint256 winStakePaid;
    }

    /// @notice How a market is settled: the value at JSON pointer `pointer`
    /// in the response from `sourceUrl`, compared (`comparator`, one of
    /// > >= < <= == !=) with the decimal `threshold`, observed at a time in
    /// [resolveAfter, resolveAfter + window] (unix seconds).
    struct Terms {
        string sourceUrl;
        string pointer;
        string comparator;
        string threshold;
        uint64 resolveAfter;
        uint64 window;
    }

    /// @notice A notary statement; its marketId and terms are the market
    /// being resolved, so they are not repeated here.
    struct Statement {
        bytes32 requestHash;
        bytes32 responseHash;
        bytes32 sessionHash;
        bytes value;
        uint64 observedAt;
    }

    mapping(bytes32 => Market) public markets;
    mapping(bytes32 => mapping(address => uint256)) public yesStake;
    mapping(bytes32 => mapping(address => uint256)) public noStake;

    event Created(bytes32 indexed id, bytes32 terms, Terms definition);
    event Bet(bytes32 indexed id, address indexed who, bool yes, uint256 amount);
    /// @notice A statement became the market's earliest observation.
    event Observed(bytes32 indexed id, bool outcome, uint64 observedAt, address signer, bytes32 sessionHash);
    event Claimed(bytes32 indexed id, address indexed who, uint256 amount);

    error MarketExists();
    error NoMarket();
    error BadTerms(string why);
    error BettingClosed();
    error TooEarly(uint64 resolveAfter);
    error SubmissionClosed(uint64 closesAt);
    error ObservedBeforeWindow(uint64 observedAt, uint64 resolveAfter);
    error ObservedAfterWindow(uint64 observedAt, uint64 windowEnd);
    error ObservedInFuture(uint64 observedAt, uint64 blockTime);
    error NotEarlier(uint64 observedAt, uint64 earliest);
    error UnknownSigner(address signer);
    error BadValue();
    error BadSignature();
    error NotSettled(Status status);
    error NothingToClaim();
    error OutlivesDelay(uint64 closesAt, uint64 latest);
    error ChangePending(uint64 effectiveAt);
    error CodeMayHaveChanged(bytes32 id);

    constructor(NotaryRegistry registry_, uint64 challengePeriod_) {
        registry = registry_;
        appAuth = registry_.appAuth();
        challengePeriod = challengePeriod_;
    }

    function create(bytes32 id, Terms calldata t) external {
        if (markets[id].exists) revert MarketExists();
        if (t.resolveAfter <= block.timestamp) revert BadTerms("resolveAfter is not in the future");
        if (t.window == 0) revert BadTerms("window is zero");
        uint64 closes = t.resolveAfter + t.window + challengePeriod;
        // A change proposed from now on takes effect no earlier than this.
        uint64 latest = uint64(block.timestamp) + appAuth.delay();
        if (closes > latest) revert OutlivesDelay(closes, latest);
        // A change already proposed could take effect while it is open.
        uint64 next = appAuth.nextLooseningAt();
        if (next <= closes) revert ChangePending(next);
        bytes32 h = termsHash(t);
        Market storage m = markets[id];
        m.exists = true;
        m.createdAt = uint64(block.timestamp);
        m.resolveAfter = t.resolveAfter;
        m.window = t.window;
        m.terms = h;
        emit Created(id, h, t);
    }

    /// @notice The EIP-712 struct hash of a market's terms.
    function termsHash(Terms calldata t) public pure returns (bytes32) {
        return keccak256(
            abi.encode(
                TERMS_TYPEHASH,
                keccak256(bytes(t.sourceUrl)),
                keccak256(bytes(t.pointer)),
                keccak256(bytes(t.comparator)),
                keccak256(bytes(t.threshold)),
                t.resolveAfter,
                t.window
            )
        );
    }

    /// @notice When the market stops taking statements.
    function closesAt(bytes32 id) public view returns (uint64) {
        Market storage m = markets[id];
        return m.resolveAfter + m.window + challengePeriod;
    }

    function status(bytes32 id) public view returns (Status) {
        Market storage m = markets[id];
        if (!m.exists) return Status.None;
        if (block.timestamp < m.resolveAfter) return Status.Betting;
        if (block.timestamp <= closesAt(id)) return Status.Observing;
        return m.observedAt != 0 ? Status.Resolved : Status.Void;
    }

    function bet(bytes32 id, bool yes) external payable {
        Market storage m = markets[id];
        if (!m.exists) revert NoMarket();
        if (block.timestamp >= m.resolveAfter) revert BettingClosed();
        if (yes) {
            m.yesPool += msg.value;
            yesStake[id][msg.sender] += msg.value;
        } else {
            m.noPool += msg.value;
            noStake[id][msg.sender] += msg.value;
        }
        emit Bet(id, msg.sender, yes, msg.value);
    }

    /// @notice Submits a registered notary's statement about this market and
    /// its terms. It becomes the market's outcome if it was observed inside
    /// the window, not after this block, and earlier than any statement
    /// submitted before it. Anyone may submit.
    function resolve(bytes32 id, Statement calldata st, bytes calldata signature) external {
        Market storage m = markets[id];
        if (!m.exists) revert NoMarket();
        if (block.timestamp < m.resolveAfter) revert TooEarly(m.resolveAfter);
        uint64 closes = closesAt(id);
        if (block.timestamp > closes) revert SubmissionClosed(closes);
        // The signer may now run code users never had the delay to see.
        if (appAuth.loosenedBetween(m.createdAt, uint64(block.timestamp))) revert CodeMayHaveChanged(id);
        if (st.observedAt < m.resolveAfter) revert ObservedBeforeWindow(st.observedAt, m.resolveAfter);
        if (st.observedAt > m.resolveAfter + m.window) {
            revert ObservedAfterWindow(st.observedAt, m.resolveAfter + m.window);
        }
        if (st.observedAt > block.timestamp) revert ObservedInFuture(st.observedAt, uint64(block.timestamp));
        if (m.observedAt != 0 && st.observedAt >= m.observedAt) revert NotEarlier(st.observedAt, m.observedAt);
        address signer = _recover(digest(id, st), signature);
        if (!registry.isSigner(signer)) revert UnknownSigner(signer);
        if (st.value.length != 32) revert BadValue();
        uint256 v = uint256(bytes32(st.value));
        if (v > 1) revert BadValue();
        m.observedAt = st.observedAt;
        m.outcome = v == 1;
        m.sessionHash = st.sessionHash;
        emit Observed(id, m.outcome, st.observedAt, signer, st.sessionHash);
    }

    /// @notice Once the market closed: winners share the whole pool in
    /// proportion to their stakes, rounded down, with the last winning
    /// claim taking what rounding left; if nobody won, or the market is
    /// void, everyone gets their stake back.
    function claim(bytes32 id) external {
        Market storage m = markets[id];
        Status s = status(id);
        if (s != Status.Resolved && s != Status.Void) revert NotSettled(s);
        uint256 yes = yesStake[id][msg.sender];
        uint256 no = noStake[id][msg.sender];
        yesStake[id][msg.sender] = 0;
        noStake[id][msg.sender] = 0;
        uint256 winPool = m.outcome ? m.yesPool : m.noPool;
        uint256 payout;
        if (s == Status.Void || winPool == 0) {
            payout = yes + no;
        } else {
            uint256 stake = m.outcome ? yes : no;
            uint256 total = m.yesPool + m.noPool;
            m.winStakePaid += stake;
            payout = m.winStakePaid == winPool ? total - m.paid : stake * total / winPool;
        }
        if (payout == 0) revert NothingToClaim();
        m.paid += payout;
        emit Claimed(id, msg.sender, payout);
        (bool ok,) = msg.sender.call{value: payout}("");
        require(ok, "transfer failed");
    }

    /// @notice The EIP-712 digest of a statement about market id and the
    /// terms it was created with.
    function digest(bytes32 id, Statement calldata st) public view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("devproof-notary"), keccak256("1"), block.chainid, address(this))
        );
        bytes32 structHash = keccak256(
            abi.encode(
                STATEMENT_TYPEHASH,
                st.requestHash,
                st.responseHash,
                st.sessionHash,
                keccak256(st.value),
                st.observedAt,
                id,
                markets[id].terms
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function _recover(bytes32 d, bytes calldata sig) private pure returns (address a) {
        if (sig.length != 65) revert BadSignature();
        uint8 v = uint8(sig[64]);
        if (v < 27) v += 27;
        a = ecrecover(d, v, bytes32(sig[0:32]), bytes32(sig[32:64]));
        if (a == address(0)) revert BadSignature();
    }
}
