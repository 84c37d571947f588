// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./IAppAuth.sol";

/// @title DevKms
/// @notice A local stand-in for the part of dstack's DstackKms that decides
/// whether an app gets its keys: the same calls (registerApp,
/// registeredApps, addOsImageHash, allowedOsImages, isAppAllowed) and the
/// same reasons, so `devproof deploy` and the dev stack exercise the real
/// call path, and kmsInfo, which publishes the KMS's root keys as
/// DstackKms's does. It keeps no gateway id, KMS measurements or app
/// factory, and is not upgradeable.
contract DevKms is IAppAuth {
    /// @notice DstackKms's KmsInfo: the secp256k1 root that signs app keys,
    /// the CA key (DER SubjectPublicKeyInfo) that apps' key-provider event
    /// names, and the KMS's own quote and event log.
    struct KmsInfo {
        bytes k256Pubkey;
        bytes caPubkey;
        bytes quote;
        bytes eventlog;
    }

    address public owner;
    mapping(address => bool) public registeredApps;
    mapping(bytes32 => bool) public allowedOsImages;
    KmsInfo public kmsInfo;

    event KmsInfoSet(bytes k256Pubkey);
    event AppRegistered(address appId);
    event OsImageHashAdded(bytes32 osImageHash);
    event OsImageHashRemoved(bytes32 osImageHash);

    error NotOwner(address caller);

    constructor() {
        owner = msg.sender;
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0x01ffc9a7 || interfaceId == 0x1e079198;
    }

    /// @notice Permissionless, as in DstackKms: registering grants nothing by
    /// itself, the app's own policy decides.
    function registerApp(address appId) external {
        require(appId != address(0), "Invalid app ID");
        registeredApps[appId] = true;
        emit AppRegistered(appId);
    }

    function setKmsInfo(KmsInfo calldata info) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        kmsInfo = info;
        emit KmsInfoSet(info.k256Pubkey);
    }

    function addOsImageHash(bytes32 osImageHash) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        allowedOsImages[osImageHash] = true;
        emit OsImageHashAdded(osImageHash);
    }

    function removeOsImageHash(bytes32 osImageHash) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        allowedOsImages[osImageHash] = false;
        emit OsImageHashRemoved(osImageHash);
    }

    function isAppAllowed(AppBootInfo calldata bootInfo) external view returns (bool isAllowed, string memory reason) {
        if (!registeredApps[bootInfo.appId]) {
            return (false, "App not registered");
        }
        if (!allowedOsImages[bootInfo.osImageHash]) {
            return (false, "OS image is not allowed");
        }
        if (bootInfo.appId.code.length == 0) {
            return (false, "App not deployed or invalid address");
        }
        return IAppAuth(bootInfo.appId).isAppAllowed(bootInfo);
    }
}
