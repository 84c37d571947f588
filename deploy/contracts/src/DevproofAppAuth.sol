// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./IAppAuth.sol";

/// @title DevproofAppAuth
/// @notice A dstack app's authorization contract (its address is the app
/// id) in which the owner cannot let new code, new machines or a new owner
/// in at once. Every loosening change is proposed in public and can be
/// activated, by anyone, only after `delay` seconds; users see it coming for
/// the whole period. Tightening changes take effect at once. The delay is
/// fixed at deployment and can only grow; there is no upgrade path; the
/// owner can renounce, after which the policy never changes again.
/// @dev isAppAllowed answers as dstack's DstackApp does for the same policy.
/// The history of changes, and the time each loosening one took effect, is
/// kept in storage so other contracts can ask about it.
contract DevproofAppAuth is IAppAuth, IAppAuthBasicManagement {
    /// @notice What a loosening change does once activated.
    enum Kind {
        ComposeHash, // allow a compose hash
        Device, // allow a device id
        AllowAnyDevice, // allow every device
        DropTcbRequirement, // stop requiring TCB status UpToDate
        Owner // hand the contract to a new owner
    }

    struct Change {
        Kind kind;
        bytes32 value; // the compose hash, device id or new owner; else 0
        uint64 proposedAt;
        uint64 effectiveAt; // earliest activation
        uint64 activatedAt; // 0 while pending
        bool cancelled;
    }

    address public owner;
    bool public renounced;
    /// @notice Seconds a loosening change waits between proposal and effect.
    uint64 public delay;
    bool public allowAnyDevice;
    bool public requireTcbUpToDate;
    mapping(bytes32 => bool) public allowedComposeHashes;
    mapping(bytes32 => bool) public allowedDeviceIds;

    Change[] private _changes;
    /// Block times at which loosening changes took effect, non-decreasing.
    uint64[] private _loosenedAt;
    /// Every change before this index is activated or cancelled. As the
    /// delay never shrinks, effectiveAt never decreases with the id, so the
    /// first pending change is the one that can take effect first.
    uint256 private _firstPending;

    event ChangeProposed(uint256 indexed id, Kind indexed kind, bytes32 value, uint64 effectiveAt);
    event ChangeActivated(uint256 indexed id, Kind indexed kind, bytes32 value);
    event ChangeCancelled(uint256 indexed id);
    event AllowAnyDeviceSet(bool allowAny);
    event RequireTcbUpToDateSet(bool requireUpToDate);
    event DelayIncreased(uint64 from, uint64 to);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    /// @notice dstack's audit event for rebuilding the policy from logs;
    /// emitted when a change takes effect.
    event PolicyChanged(address indexed actor, bytes32 indexed policy, bytes32 indexed value, bool enabled);

    error NotOwner(address caller);
    error ZeroOwner();
    error ZeroDelay();
    error DelayCanOnlyGrow(uint64 current, uint64 requested);
    error UnknownChange(uint256 id);
    error NotPending(uint256 id);
    error NotYetEffective(uint256 id, uint64 effectiveAt);
    error Renounced();

    modifier onlyOwner() {
        if (msg.sender != owner || owner == address(0)) revert NotOwner(msg.sender);
        _;
    }

    /// @notice The initial policy takes effect at deployment: no market or
    /// registry can refer to this app before it exists.
    constructor(
        address owner_,
        uint64 delay_,
        bool requireTcbUpToDate_,
        bool allowAnyDevice_,
        bytes32 initialDeviceId,
        bytes32 initialComposeHash
    ) {
        if (owner_ == address(0)) revert ZeroOwner();
        if (delay_ == 0) revert ZeroDelay();
        owner = owner_;
        delay = delay_;
        requireTcbUpToDate = requireTcbUpToDate_;
        allowAnyDevice = allowAnyDevice_;
        emit OwnershipTransferred(address(0), owner_);
        if (initialDeviceId != bytes32(0)) {
            allowedDeviceIds[initialDeviceId] = true;
            emit DeviceAdded(initialDeviceId);
            _policy("device", initialDeviceId, true);
        }
        if (initialComposeHash != bytes32(0)) {
            allowedComposeHashes[initialComposeHash] = true;
            emit ComposeHashAdded(initialComposeHash);
            _policy("compose-hash", initialComposeHash, true);
        }
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0x01ffc9a7 // IERC165
            || interfaceId == 0x1e079198 // IAppAuth
            || interfaceId == 0x8fd37527; // IAppAuthBasicManagement
    }

    /// @notice The same checks, in the same order and with the same reasons,
    /// as dstack's DstackApp.
    function isAppAllowed(AppBootInfo calldata bootInfo) external view returns (bool isAllowed, string memory reason) {
        if (requireTcbUpToDate && keccak256(bytes(bootInfo.tcbStatus)) != keccak256("UpToDate")) {
            return (false, "TCB status is not up to date");
        }
        if (!allowedComposeHashes[bootInfo.composeHash]) {
            return (false, "Compose hash not allowed");
        }
        if (!allowAnyDevice && !allowedDeviceIds[bootInfo.deviceId]) {
            return (false, "Device not allowed");
        }
        return (true, "");
    }

    // Loosening: proposed now, effective after the delay.

    function proposeComposeHash(bytes32 composeHash) public onlyOwner returns (uint256 id, uint64 effectiveAt) {
        return _propose(Kind.ComposeHash, composeHash);
    }

    /// @notice Proposes the hash; ComposeHashAdded is emitted when it is
    /// activated, not now.
    function addComposeHash(bytes32 composeHash) external {
        proposeComposeHash(composeHash);
    }

    /// @notice Proposes the device; DeviceAdded is emitted when it is
    /// activated, not now.
    function addDevice(bytes32 deviceId) external onlyOwner {
        _propose(Kind.Device, deviceId);
    }

    /// @notice Allowing any device is proposed; disallowing is immediate.
    function setAllowAnyDevice(bool allowAny) external onlyOwner {
        if (allowAny) {
            _propose(Kind.AllowAnyDevice, bytes32(0));
            return;
        }
        allowAnyDevice = false;
        emit AllowAnyDeviceSet(false);
        _policy("allow-any-device", bytes32(0), false);
    }

    /// @notice Requiring an up-to-date TCB is immediate; dropping the
    /// requirement is proposed.
    function setRequireTcbUpToDate(bool requireUpToDate) external onlyOwner {
        if (!requireUpToDate) {
            _propose(Kind.DropTcbRequirement, bytes32(0));
            return;
        }
        requireTcbUpToDate = true;
        emit RequireTcbUpToDateSet(true);
        _policy("require-tcb-up-to-date", bytes32(0), true);
    }

    /// @notice Proposes a new owner; it takes over only after the delay.
    function transferOwnership(address newOwner) external onlyOwner returns (uint256 id, uint64 effectiveAt) {
        if (newOwner == address(0)) revert ZeroOwner();
        return _propose(Kind.Owner, bytes32(uint256(uint160(newOwner))));
    }

    /// @notice Anyone may activate a change whose pending period is over.
    function activate(uint256 id) external {
        if (renounced) revert Renounced();
        Change storage c = _pending(id);
        if (block.timestamp < c.effectiveAt) revert NotYetEffective(id, c.effectiveAt);
        c.activatedAt = uint64(block.timestamp);
        _loosenedAt.push(uint64(block.timestamp));
        _advance();
        emit ChangeActivated(id, c.kind, c.value);
        if (c.kind == Kind.ComposeHash) {
            allowedComposeHashes[c.value] = true;
            emit ComposeHashAdded(c.value);
            _policy("compose-hash", c.value, true);
        } else if (c.kind == Kind.Device) {
            allowedDeviceIds[c.value] = true;
            emit DeviceAdded(c.value);
            _policy("device", c.value, true);
        } else if (c.kind == Kind.AllowAnyDevice) {
            allowAnyDevice = true;
            emit AllowAnyDeviceSet(true);
            _policy("allow-any-device", bytes32(0), true);
        } else if (c.kind == Kind.DropTcbRequirement) {
            requireTcbUpToDate = false;
            emit RequireTcbUpToDateSet(false);
            _policy("require-tcb-up-to-date", bytes32(0), false);
        } else {
            address previous = owner;
            owner = address(uint160(uint256(c.value)));
            emit OwnershipTransferred(previous, owner);
            _policy("owner", c.value, true);
        }
    }

    // Tightening: immediate.

    function removeComposeHash(bytes32 composeHash) external onlyOwner {
        allowedComposeHashes[composeHash] = false;
        emit ComposeHashRemoved(composeHash);
        _policy("compose-hash", composeHash, false);
    }

    function removeDevice(bytes32 deviceId) external onlyOwner {
        allowedDeviceIds[deviceId] = false;
        emit DeviceRemoved(deviceId);
        _policy("device", deviceId, false);
    }

    function cancel(uint256 id) external onlyOwner {
        _pending(id).cancelled = true;
        _advance();
        emit ChangeCancelled(id);
    }

    /// @notice Raises the pending period for changes proposed from now on.
    function increaseDelay(uint64 newDelay) external onlyOwner {
        if (newDelay <= delay) revert DelayCanOnlyGrow(delay, newDelay);
        emit DelayIncreased(delay, newDelay);
        delay = newDelay;
        _policy("delay", bytes32(uint256(newDelay)), true);
    }

    /// @notice Gives up ownership for good: no change, proposed or pending,
    /// can take effect afterwards.
    function renounceOwnership() external onlyOwner {
        emit OwnershipTransferred(owner, address(0));
        owner = address(0);
        renounced = true;
        _policy("owner", bytes32(0), false);
    }

    // History.

    function changeCount() external view returns (uint256) {
        return _changes.length;
    }

    function change(uint256 id) external view returns (Change memory) {
        if (id >= _changes.length) revert UnknownChange(id);
        return _changes[id];
    }

    /// @notice How many loosening changes have taken effect, and when.
    function loosenedCount() external view returns (uint256) {
        return _loosenedAt.length;
    }

    function loosenedAt(uint256 i) external view returns (uint64) {
        return _loosenedAt[i];
    }

    /// @notice The earliest time a pending loosening change can take effect,
    /// or 2^64-1 if none can.
    function nextLooseningAt() external view returns (uint64) {
        if (renounced) return type(uint64).max;
        for (uint256 i = _firstPending; i < _changes.length; i++) {
            Change storage c = _changes[i];
            if (c.activatedAt == 0 && !c.cancelled) return c.effectiveAt;
        }
        return type(uint64).max;
    }

    /// @notice Whether any loosening change took effect at a block time in
    /// [from, to], both inclusive.
    function loosenedBetween(uint64 from, uint64 to) external view returns (bool) {
        // The first activation at or after `from`, by binary search.
        uint256 lo = 0;
        uint256 hi = _loosenedAt.length;
        while (lo < hi) {
            uint256 mid = (lo + hi) / 2;
            if (_loosenedAt[mid] < from) lo = mid + 1;
            else hi = mid;
        }
        return lo < _loosenedAt.length && _loosenedAt[lo] <= to;
    }

    function _propose(Kind kind, bytes32 value) private returns (uint256 id, uint64 effectiveAt) {
        effectiveAt = uint64(block.timestamp) + delay;
        id = _changes.length;
        _changes.push(Change(kind, value, uint64(block.timestamp), effectiveAt, 0, false));
        emit ChangeProposed(id, kind, value, effectiveAt);
    }

    function _advance() private {
        uint256 i = _firstPending;
        while (i < _changes.length && (_changes[i].activatedAt != 0 || _changes[i].cancelled)) i++;
        _firstPending = i;
    }

    function _pending(uint256 id) private view returns (Change storage c) {
        if (id >= _changes.length) revert UnknownChange(id);
        c = _changes[id];
        if (c.activatedAt != 0 || c.cancelled) revert NotPending(id);
    }

    function _policy(string memory policy, bytes32 value, bool enabled) private {
        emit PolicyChanged(msg.sender, keccak256(bytes(policy)), value, enabled);
    }
}
