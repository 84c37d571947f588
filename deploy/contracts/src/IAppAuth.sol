// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @notice ERC-165 interface detection.
interface IERC165 {
    function supportsInterface(bytes4 interfaceId) external view returns (bool);
}

/// @title IAppAuth
/// @notice What dstack's KMS asks an app's authorization contract before it
/// hands the app its keys. The app id is this contract's address. The
/// layout and selector (interface id 0x1e079198) must stay byte-compatible
/// with dstack's kms/auth-eth.
interface IAppAuth is IERC165 {
    /// @notice One booting instance, as the KMS reads it from the quote.
    struct AppBootInfo {
        address appId;
        bytes32 composeHash;
        address instanceId;
        bytes32 deviceId;
        bytes32 mrAggregated;
        bytes32 mrSystem;
        bytes32 osImageHash;
        string tcbStatus;
        string[] advisoryIds;
    }

    /// @return isAllowed whether the instance may have the app's keys
    /// @return reason why not, empty when allowed
    function isAppAllowed(AppBootInfo calldata bootInfo) external view returns (bool isAllowed, string memory reason);
}

/// @title IAppAuthBasicManagement
/// @notice The management calls and events dstack's tools use (interface
/// id 0x8fd37527).
interface IAppAuthBasicManagement is IERC165 {
    event ComposeHashAdded(bytes32 composeHash);
    event ComposeHashRemoved(bytes32 composeHash);
    event DeviceAdded(bytes32 deviceId);
    event DeviceRemoved(bytes32 deviceId);

    function addComposeHash(bytes32 composeHash) external;
    function removeComposeHash(bytes32 composeHash) external;
    function addDevice(bytes32 deviceId) external;
    function removeDevice(bytes32 deviceId) external;
}
