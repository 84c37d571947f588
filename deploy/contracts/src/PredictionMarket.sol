// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./NotaryRegistry.sol";

/// @title PredictionMarket
/// @notice Binary markets settled by a registered devproof notary's EIP-712
/// statement: create, bet, resolve, claim. A market commits to its whole
/// definition (source, pointer, comparator, threshold, time) when created,
/// and only a statement signed for exactly those terms resolves it.
///
/// Every compose hash the notary's app allows gets the same signer, so new
/// code could sign anything. The app's DevproofAppAuth makes new code wait
/// `delay` in public; a market must resolve within that delay of its
/// creation, and is void, every stake refunded, if any loosening change to
/// the app's policy took effect between its creation and its resolution.
contract PredictionMarket {
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant STATEMENT_TYPEHASH = keccak256(
        "Statement(bytes32 requestHash,bytes32 responseHash,bytes32 sessionHash,bytes value,uint64 observedAt,bytes32 marketId,bytes32 terms)"
    );
    bytes32 private constant TERMS_TYPEHASH =
        keccak256("Terms(string sourceUrl,string pointer,string comparator,string threshold,uint64 resolveAfter)");

    NotaryRegistry public immutable registry;
    DevproofAppAuth public immutable appAuth;

    struct Market {
        bool exists;
        bool resolved;
        bool outcome;
        uint64 createdAt;
        uint64 resolveAfter;
        bytes32 terms;
        uint256 yesPool;
        uint256 noPool;
    }

    /// @notice How a market is settled: the value at JSON pointer `pointer`
    /// in the response from `sourceUrl`, compared (`comparator`, one of
    /// > >= < <= == !=) with the decimal `threshold`, at or after
    /// `resolveAfter` (unix seconds).
    struct Terms {
        string sourceUrl;
        string pointer;
        string comparator;
        string threshold;
        uint64 resolveAfter;
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
    event Resolved(bytes32 indexed id, bool outcome, address signer, bytes32 sessionHash);
    event Claimed(bytes32 indexed id, address indexed who, uint256 amount);

    error MarketExists();
    error NoMarket();
    error BettingClosed();
    error TooEarly();
    error AlreadyResolved();
    error NotResolved();
    error UnknownSigner(address signer);
    error BadValue();
    error BadSignature();
    error NothingToClaim();
    error OutlivesDelay(uint64 resolveAfter, uint64 latest);
    error ChangePending(uint64 effectiveAt);
    error CodeMayHaveChanged(bytes32 id);

    constructor(NotaryRegistry registry_) {
        registry = registry_;
        appAuth = registry_.appAuth();
    }

    function create(bytes32 id, Terms calldata t) external {
        if (markets[id].exists) revert MarketExists();
        // A change proposed after now takes effect no earlier than this.
        uint64 latest = uint64(block.timestamp) + appAuth.delay();
        if (t.resolveAfter > latest) revert OutlivesDelay(t.resolveAfter, latest);
        // A change already proposed could void it before it resolves.
        uint64 next = appAuth.nextLooseningAt();
        if (next <= t.resolveAfter) revert ChangePending(next);
        bytes32 h = termsHash(t);
        markets[id] = Market(true, false, false, uint64(block.timestamp), t.resolveAfter, h, 0, 0);
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
                t.resolveAfter
            )
        );
    }

    function bet(bytes32 id, bool yes) external payable {
        Market storage m = markets[id];
        if (!m.exists) revert NoMarket();
        if (m.resolved || block.timestamp >= m.resolveAfter) revert BettingClosed();
        if (_void(m)) revert CodeMayHaveChanged(id);
        if (yes) {
            m.yesPool += msg.value;
            yesStake[id][msg.sender] += msg.value;
        } else {
            m.noPool += msg.value;
            noStake[id][msg.sender] += msg.value;
        }
        emit Bet(id, msg.sender, yes, msg.value);
    }

    /// @notice Settles the market with a statement signed by a registered
    /// notary. The value is a 32-byte ABI bool; the statement must be about
    /// this market and its terms, on this chain and contract, observed after
    /// resolveAfter.
    function resolve(bytes32 id, Statement calldata st, bytes calldata signature) external {
        Market storage m = markets[id];
        if (!m.exists) revert NoMarket();
        if (m.resolved) revert AlreadyResolved();
        if (st.observedAt < m.resolveAfter) revert TooEarly();
        // The signer may now run code users never had the delay to see.
        if (_void(m)) revert CodeMayHaveChanged(id);
        address signer = _recover(digest(id, st), signature);
        if (!registry.isSigner(signer)) revert UnknownSigner(signer);
        if (st.value.length != 32) revert BadValue();
        uint256 v = uint256(bytes32(st.value));
        if (v > 1) revert BadValue();
        m.resolved = true;
        m.outcome = v == 1;
        emit Resolved(id, m.outcome, signer, st.sessionHash);
    }

    /// @notice Whether the market can no longer be resolved because the
    /// app's policy loosened since it was created; its stakes are refunded.
    function isVoid(bytes32 id) external view returns (bool) {
        Market storage m = markets[id];
        return m.exists && _void(m);
    }

    function _void(Market storage m) private view returns (bool) {
        return !m.resolved && appAuth.loosenedBetween(m.createdAt, uint64(block.timestamp));
    }

    /// @notice Winners share the whole pool in proportion to their stakes;
    /// if nobody won, or the market is void, everyone gets their stake back.
    function claim(bytes32 id) external {
        Market storage m = markets[id];
        bool void = m.exists && _void(m);
        if (!m.resolved && !void) revert NotResolved();
        uint256 yes = yesStake[id][msg.sender];
        uint256 no = noStake[id][msg.sender];
        uint256 winPool = m.outcome ? m.yesPool : m.noPool;
        uint256 payout;
        if (void || winPool == 0) {
            payout = yes + no;
        } else {
            uint256 stake = m.outcome ? yes : no;
            payout = stake * (m.yesPool + m.noPool) / winPool;
        }
        yesStake[id][msg.sender] = 0;
        noStake[id][msg.sender] = 0;
        if (payout == 0) revert NothingToClaim();
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
