// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./DevproofAppAuth.sol";

/// @title NotaryRegistry
/// @notice Registers a devproof notary signer only after checking, on chain,
/// the dstack GetKey signature chain that binds its key to one app and one
/// KMS root: derived key <- app key <- KMS root. The app must be governed by
/// a DevproofAppAuth (its address is the app id) with at least `minDelay`:
/// every compose hash the app allows gets the same signer, so the signer is
/// only as hard to change as the app's policy.
contract NotaryRegistry {
    /// @notice The GetKey purpose the notary's key is derived for.
    string public constant PURPOSE = "devproof-signer";

    bytes20 public immutable appId;
    DevproofAppAuth public immutable appAuth;
    address public immutable kmsRoot;
    /// @notice The shortest pending period accepted for the app's policy.
    uint64 public immutable minDelay;
    mapping(address => bool) public isSigner;

    event SignerRegistered(address indexed signer, address appKey);

    error BadKeyLength();
    error BadSignature();
    error AppKeyMismatch();
    error KmsRootMismatch();
    error NotOnCurve();
    error NotDevproofAppAuth(address appAuth);
    error DelayTooShort(uint64 delay, uint64 minDelay);

    /// secp256k1's field prime.
    uint256 private constant P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F;

    /// @dev The code hash check, not an interface query, is what stops a
    /// look-alike contract that claims a delay it does not enforce.
    constructor(DevproofAppAuth appAuth_, address kmsRoot_, uint64 minDelay_) {
        if (address(appAuth_).codehash != keccak256(type(DevproofAppAuth).runtimeCode)) {
            revert NotDevproofAppAuth(address(appAuth_));
        }
        uint64 d = appAuth_.delay();
        if (d < minDelay_) revert DelayTooShort(d, minDelay_);
        appAuth = appAuth_;
        appId = bytes20(address(appAuth_));
        kmsRoot = kmsRoot_;
        minDelay = minDelay_;
    }

    /// @param signerKey the derived key, uncompressed x||y (64 bytes)
    /// @param appKey the app key, uncompressed x||y (64 bytes)
    /// @param appSignature chain[0]: the app key's signature over
    ///        keccak256(PURPOSE ":" hex(compressed signerKey))
    /// @param kmsSignature chain[1]: the KMS root's signature over
    ///        keccak256("dstack-kms-issued:" appId compressed appKey)
    /// @dev dstack signs the compressed keys; the caller gives them
    ///      uncompressed so that their addresses can be computed here.
    function register(
        bytes calldata signerKey,
        bytes calldata appKey,
        bytes calldata appSignature,
        bytes calldata kmsSignature
    ) external returns (address signer) {
        if (signerKey.length != 64 || appKey.length != 64) revert BadKeyLength();
        // Only x and y's parity are signed; a y off the curve would give an
        // address nobody holds the key for.
        if (!_onCurve(signerKey) || !_onCurve(appKey)) revert NotOnCurve();
        bytes32 link0 = keccak256(abi.encodePacked(PURPOSE, ":", _hex(_compress(signerKey))));
        if (_recover(link0, appSignature) != _address(appKey)) revert AppKeyMismatch();
        bytes32 link1 = keccak256(abi.encodePacked("dstack-kms-issued:", appId, _compress(appKey)));
        if (_recover(link1, kmsSignature) != kmsRoot) revert KmsRootMismatch();
        signer = _address(signerKey);
        isSigner[signer] = true;
        emit SignerRegistered(signer, _address(appKey));
    }

    /// y^2 = x^3 + 7 (mod P), with x and y below P.
    function _onCurve(bytes calldata key) private pure returns (bool) {
        uint256 x = uint256(bytes32(key[0:32]));
        uint256 y = uint256(bytes32(key[32:64]));
        if (x >= P || y >= P) return false;
        return mulmod(y, y, P) == addmod(mulmod(mulmod(x, x, P), x, P), 7, P);
    }

    function _address(bytes calldata key) private pure returns (address) {
        return address(uint160(uint256(keccak256(key))));
    }

    /// SEC 1 compressed form: 0x02 or 0x03 (y's parity), then x.
    function _compress(bytes calldata key) private pure returns (bytes memory) {
        bytes1 prefix = uint8(key[63]) & 1 == 1 ? bytes1(0x03) : bytes1(0x02);
        return abi.encodePacked(prefix, key[0:32]);
    }

    function _hex(bytes memory b) private pure returns (bytes memory out) {
        bytes16 digits = "0123456789abcdef";
        out = new bytes(b.length * 2);
        for (uint256 i = 0; i < b.length; i++) {
            out[2 * i] = digits[uint8(b[i]) >> 4];
            out[2 * i + 1] = digits[uint8(b[i]) & 0x0f];
        }
    }

    /// dstack signatures are r||s||v with v in {0,1}, over the digest itself
    /// (no EIP-191 prefix).
    function _recover(bytes32 digest, bytes calldata sig) private pure returns (address a) {
        if (sig.length != 65) revert BadSignature();
        uint8 v = uint8(sig[64]);
        if (v < 27) v += 27;
        a = ecrecover(digest, v, bytes32(sig[0:32]), bytes32(sig[32:64]));
        if (a == address(0)) revert BadSignature();
    }
}
