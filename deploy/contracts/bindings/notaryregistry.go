// Code generated - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"time"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/event"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = errors.New
	_ = big.NewInt
	_ = strings.NewReader
	_ = ethereum.NotFound
	_ = bind.Bind
	_ = common.Big1
	_ = types.BloomLookup
	_ = event.NewSubscription
	_ = abi.ConvertType
	_ = time.Tick
	_ = context.Background
)

// NotaryRegistryMetaData contains all meta data concerning the NotaryRegistry contract.
var NotaryRegistryMetaData = &bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"bytes20\",\"name\":\"appId_\",\"type\":\"bytes20\"},{\"internalType\":\"address\",\"name\":\"kmsRoot_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"AppKeyMismatch\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadKeyLength\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadSignature\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"KmsRootMismatch\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NotOnCurve\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"appKey\",\"type\":\"address\"}],\"name\":\"SignerRegistered\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"PURPOSE\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"appId\",\"outputs\":[{\"internalType\":\"bytes20\",\"name\":\"\",\"type\":\"bytes20\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"isSigner\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"kmsRoot\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"signerKey\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"appKey\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"appSignature\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"kmsSignature\",\"type\":\"bytes\"}],\"name\":\"register\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	Bin: "0x60c060405234801561000f575f5ffd5b50604051610b26380380610b2683398101604081905261002e9161004e565b6001600160601b03199091166080526001600160a01b031660a05261009d565b5f5f6040838503121561005f575f5ffd5b82516001600160601b031981168114610076575f5ffd5b60208401519092506001600160a01b0381168114610092575f5ffd5b809150509250929050565b60805160a051610a5b6100cb5f395f818161011901526102cb01525f818160d401526102770152610a5b5ff3fe608060405234801561000f575f5ffd5b5060043610610055575f3560e01c806336f4efa3146100595780637df73e271461009d57806380afdea8146100cf578063afc3830714610114578063b7c9413014610153575b5f5ffd5b6100876040518060400160405280600f81526020016e3232bb383937b7b316b9b4b3b732b960891b81525081565b6040516100949190610739565b60405180910390f35b6100bf6100ab36600461076e565b5f6020819052908152604090205460ff1681565b6040519015158152602001610094565b6100f67f000000000000000000000000000000000000000000000000000000000000000081565b6040516bffffffffffffffffffffffff199091168152602001610094565b61013b7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610094565b61013b6101613660046107e0565b5f604088141580610173575060408614155b15610190576040516275c73d60e01b815260040160405180910390fd5b61019a89896103a8565b15806101ad57506101ab87876103a8565b155b156101cb576040516361586bdd60e01b815260040160405180910390fd5b5f6040518060400160405280600f81526020016e3232bb383937b7b316b9b4b3b732b960891b8152506102066102018c8c610439565b6104ac565b6040516020016102179291906108c5565b6040516020818303038152906040528051906020012090506102398888610608565b6001600160a01b031661024d828888610629565b6001600160a01b031614610274576040516352fb40c760e11b815260040160405180910390fd5b5f7f00000000000000000000000000000000000000000000000000000000000000006102a08a8a610439565b6040516020016102b19291906108ed565b6040516020818303038152906040528051906020012090507f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03166102fe828787610629565b6001600160a01b031614610325576040516305529ad560e21b815260040160405180910390fd5b61032f8b8b610608565b6001600160a01b0381165f818152602081905260409020805460ff191660011790559093507f175dc012575357a5bf3c0dc4de54fc23305af37379b1ebf02e67df01832eae7a61037f8b8b610608565b6040516001600160a01b03909116815260200160405180910390a2505098975050505050505050565b5f806103b76020828587610930565b6103c091610957565b90505f6103d1604060208688610930565b6103da91610957565b90506401000003d019821015806103f757506401000003d0198110155b15610406575f92505050610433565b6401000003d01960076401000003d019846401000003d01986870909086401000003d01982830914925050505b92915050565b60605f8383603f81811061044f5761044f610974565b600192013560f81c8216909114905061046c57600160f91b610472565b600360f81b5b90508061048260205f8688610930565b60405160200161049493929190610988565b60405160208183030381529060405291505092915050565b80516060906f181899199a1a9b1b9c1cb0b131b232b360811b906104d19060026109bf565b67ffffffffffffffff8111156104e9576104e96109d6565b6040519080825280601f01601f191660200182016040528015610513576020820181803683370190505b5091505f5b83518110156106015781600485838151811061053657610536610974565b016020015160f81c901c60ff166010811061055357610553610974565b1a60f81b836105638360026109bf565b8151811061057357610573610974565b60200101906001600160f81b03191690815f1a9053508184828151811061059c5761059c610974565b60209101015160f81c600f16601081106105b8576105b8610974565b1a60f81b836105c88360026109bf565b6105d39060016109ea565b815181106105e3576105e3610974565b60200101906001600160f81b03191690815f1a905350600101610518565b5050919050565b5f82826040516106199291906109fd565b6040519081900390209392505050565b5f6041821461064b57604051635cd5d23360e01b815260040160405180910390fd5b5f8383604081811061065f5761065f610974565b919091013560f81c915050601b8110156106815761067e601b82610a0c565b90505b6001858261069260205f888a610930565b61069b91610957565b6106a960406020898b610930565b6106b291610957565b604080515f8152602081018083529590955260ff909316928401929092526060830152608082015260a0016020604051602081039080840390855afa1580156106fd573d5f5f3e3d5ffd5b5050604051601f1901519250506001600160a01b03821661073157604051635cd5d23360e01b815260040160405180910390fd5b509392505050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b5f6020828403121561077e575f5ffd5b81356001600160a01b0381168114610794575f5ffd5b9392505050565b5f5f83601f8401126107ab575f5ffd5b50813567ffffffffffffffff8111156107c2575f5ffd5b6020830191508360208285010111156107d9575f5ffd5b9250929050565b5f5f5f5f5f5f5f5f6080898b0312156107f7575f5ffd5b883567ffffffffffffffff81111561080d575f5ffd5b6108198b828c0161079b565b909950975050602089013567ffffffffffffffff811115610838575f5ffd5b6108448b828c0161079b565b909750955050604089013567ffffffffffffffff811115610863575f5ffd5b61086f8b828c0161079b565b909550935050606089013567ffffffffffffffff81111561088e575f5ffd5b61089a8b828c0161079b565b999c989b5096995094979396929594505050565b5f81518060208401855e5f93019283525090919050565b5f6108d082856108ae565b601d60f91b81526108e460018201856108ae565b95945050505050565b713239ba30b1b596b5b6b996b4b9b9bab2b21d60711b81526bffffffffffffffffffffffff19831660128201525f61092860268301846108ae565b949350505050565b5f5f8585111561093e575f5ffd5b8386111561094a575f5ffd5b5050820193919092039150565b80356020831015610433575f19602084900360031b1b1692915050565b634e487b7160e01b5f52603260045260245ffd5b6001600160f81b031984168152818360018301375f910160010190815292915050565b634e487b7160e01b5f52601160045260245ffd5b8082028115828204841417610433576104336109ab565b634e487b7160e01b5f52604160045260245ffd5b80820180821115610433576104336109ab565b818382375f9101908152919050565b60ff8181168382160190811115610433576104336109ab56fea2646970667358221220ef8c852c121bf4a204cbbff96c1d9ea9682bbeeecb747c84eef3aaef44bd9d6564736f6c634300081c0033",
}

// NotaryRegistryABI is the input ABI used to generate the binding from.
// Deprecated: Use NotaryRegistryMetaData.ABI instead.
var NotaryRegistryABI = NotaryRegistryMetaData.ABI

// NotaryRegistryBin is the compiled bytecode used for deploying new contracts.
// Deprecated: Use NotaryRegistryMetaData.Bin instead.
var NotaryRegistryBin = NotaryRegistryMetaData.Bin

// DeployNotaryRegistry deploys a new Ethereum contract, binding an instance of NotaryRegistry to it.
func DeployNotaryRegistry(auth *bind.TransactOpts, backend bind.ContractBackend, appId_ [20]byte, kmsRoot_ common.Address) (common.Address, *types.Transaction, *NotaryRegistry, error) {
	parsed, err := NotaryRegistryMetaData.GetAbi()
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	if parsed == nil {
		return common.Address{}, nil, nil, errors.New("GetABI returned nil")
	}

	address, tx, contract, err := bind.DeployContract(auth, *parsed, common.FromHex(NotaryRegistryBin), backend, appId_, kmsRoot_)
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	return address, tx, &NotaryRegistry{NotaryRegistryCaller: NotaryRegistryCaller{contract: contract}, NotaryRegistryTransactor: NotaryRegistryTransactor{contract: contract}, NotaryRegistryFilterer: NotaryRegistryFilterer{contract: contract}}, nil
}

// NotaryRegistry is an auto generated Go binding around an Ethereum contract.
type NotaryRegistry struct {
	NotaryRegistryCaller     // Read-only binding to the contract
	NotaryRegistryTransactor // Write-only binding to the contract
	NotaryRegistryFilterer   // Log filterer for contract events
}

// NotaryRegistryCaller is an auto generated read-only Go binding around an Ethereum contract.
type NotaryRegistryCaller struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// NotaryRegistryTransactor is an auto generated write-only Go binding around an Ethereum contract.
type NotaryRegistryTransactor struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// NotaryRegistryFilterer is an auto generated log filtering Go binding around an Ethereum contract events.
type NotaryRegistryFilterer struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// NotaryRegistrySession is an auto generated Go binding around an Ethereum contract,
// with pre-set call and transact options.
type NotaryRegistrySession struct {
	Contract     *NotaryRegistry   // Generic contract binding to set the session for
	CallOpts     bind.CallOpts     // Call options to use throughout this session
	TransactOpts bind.TransactOpts // Transaction auth options to use throughout this session
}

// NotaryRegistryCallerSession is an auto generated read-only Go binding around an Ethereum contract,
// with pre-set call options.
type NotaryRegistryCallerSession struct {
	Contract *NotaryRegistryCaller // Generic contract caller binding to set the session for
	CallOpts bind.CallOpts         // Call options to use throughout this session
}

// NotaryRegistryTransactorSession is an auto generated write-only Go binding around an Ethereum contract,
// with pre-set transact options.
type NotaryRegistryTransactorSession struct {
	Contract     *NotaryRegistryTransactor // Generic contract transactor binding to set the session for
	TransactOpts bind.TransactOpts         // Transaction auth options to use throughout this session
}

// NotaryRegistryRaw is an auto generated low-level Go binding around an Ethereum contract.
type NotaryRegistryRaw struct {
	Contract *NotaryRegistry // Generic contract binding to access the raw methods on
}

// NotaryRegistryCallerRaw is an auto generated low-level read-only Go binding around an Ethereum contract.
type NotaryRegistryCallerRaw struct {
	Contract *NotaryRegistryCaller // Generic read-only contract binding to access the raw methods on
}

// NotaryRegistryTransactorRaw is an auto generated low-level write-only Go binding around an Ethereum contract.
type NotaryRegistryTransactorRaw struct {
	Contract *NotaryRegistryTransactor // Generic write-only contract binding to access the raw methods on
}

// NewNotaryRegistry creates a new instance of NotaryRegistry, bound to a specific deployed contract.
func NewNotaryRegistry(address common.Address, backend bind.ContractBackend) (*NotaryRegistry, error) {
	contract, err := bindNotaryRegistry(address, backend, backend, backend)
	if err != nil {
		return nil, err
	}
	return &NotaryRegistry{NotaryRegistryCaller: NotaryRegistryCaller{contract: contract}, NotaryRegistryTransactor: NotaryRegistryTransactor{contract: contract}, NotaryRegistryFilterer: NotaryRegistryFilterer{contract: contract}}, nil
}

// NewNotaryRegistryCaller creates a new read-only instance of NotaryRegistry, bound to a specific deployed contract.
func NewNotaryRegistryCaller(address common.Address, caller bind.ContractCaller) (*NotaryRegistryCaller, error) {
	contract, err := bindNotaryRegistry(address, caller, nil, nil)
	if err != nil {
		return nil, err
	}
	return &NotaryRegistryCaller{contract: contract}, nil
}

// NewNotaryRegistryTransactor creates a new write-only instance of NotaryRegistry, bound to a specific deployed contract.
func NewNotaryRegistryTransactor(address common.Address, transactor bind.ContractTransactor) (*NotaryRegistryTransactor, error) {
	contract, err := bindNotaryRegistry(address, nil, transactor, nil)
	if err != nil {
		return nil, err
	}
	return &NotaryRegistryTransactor{contract: contract}, nil
}

// NewNotaryRegistryFilterer creates a new log filterer instance of NotaryRegistry, bound to a specific deployed contract.
func NewNotaryRegistryFilterer(address common.Address, filterer bind.ContractFilterer) (*NotaryRegistryFilterer, error) {
	contract, err := bindNotaryRegistry(address, nil, nil, filterer)
	if err != nil {
		return nil, err
	}
	return &NotaryRegistryFilterer{contract: contract}, nil
}

// bindNotaryRegistry binds a generic wrapper to an already deployed contract.
func bindNotaryRegistry(address common.Address, caller bind.ContractCaller, transactor bind.ContractTransactor, filterer bind.ContractFilterer) (*bind.BoundContract, error) {
	parsed, err := NotaryRegistryMetaData.GetAbi()
	if err != nil {
		return nil, err
	}
	return bind.NewBoundContract(address, *parsed, caller, transactor, filterer), nil
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_NotaryRegistry *NotaryRegistryRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _NotaryRegistry.Contract.NotaryRegistryCaller.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_NotaryRegistry *NotaryRegistryRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _NotaryRegistry.Contract.NotaryRegistryTransactor.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_NotaryRegistry *NotaryRegistryRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _NotaryRegistry.Contract.NotaryRegistryTransactor.contract.Transact(opts, method, params...)
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_NotaryRegistry *NotaryRegistryCallerRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _NotaryRegistry.Contract.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_NotaryRegistry *NotaryRegistryTransactorRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _NotaryRegistry.Contract.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_NotaryRegistry *NotaryRegistryTransactorRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _NotaryRegistry.Contract.contract.Transact(opts, method, params...)
}

// PURPOSE is a free data retrieval call binding the contract method 0x36f4efa3.
//
// Solidity: function PURPOSE() view returns(string)
func (_NotaryRegistry *NotaryRegistryCaller) PURPOSE(opts *bind.CallOpts) (string, error) {
	var out []interface{}
	err := _NotaryRegistry.contract.Call(opts, &out, "PURPOSE")

	if err != nil {
		return *new(string), err
	}

	out0 := *abi.ConvertType(out[0], new(string)).(*string)

	return out0, err

}

// PURPOSE is a free data retrieval call binding the contract method 0x36f4efa3.
//
// Solidity: function PURPOSE() view returns(string)
func (_NotaryRegistry *NotaryRegistrySession) PURPOSE() (string, error) {
	return _NotaryRegistry.Contract.PURPOSE(&_NotaryRegistry.CallOpts)
}

// PURPOSE is a free data retrieval call binding the contract method 0x36f4efa3.
//
// Solidity: function PURPOSE() view returns(string)
func (_NotaryRegistry *NotaryRegistryCallerSession) PURPOSE() (string, error) {
	return _NotaryRegistry.Contract.PURPOSE(&_NotaryRegistry.CallOpts)
}

// AppId is a free data retrieval call binding the contract method 0x80afdea8.
//
// Solidity: function appId() view returns(bytes20)
func (_NotaryRegistry *NotaryRegistryCaller) AppId(opts *bind.CallOpts) ([20]byte, error) {
	var out []interface{}
	err := _NotaryRegistry.contract.Call(opts, &out, "appId")

	if err != nil {
		return *new([20]byte), err
	}

	out0 := *abi.ConvertType(out[0], new([20]byte)).(*[20]byte)

	return out0, err

}

// AppId is a free data retrieval call binding the contract method 0x80afdea8.
//
// Solidity: function appId() view returns(bytes20)
func (_NotaryRegistry *NotaryRegistrySession) AppId() ([20]byte, error) {
	return _NotaryRegistry.Contract.AppId(&_NotaryRegistry.CallOpts)
}

// AppId is a free data retrieval call binding the contract method 0x80afdea8.
//
// Solidity: function appId() view returns(bytes20)
func (_NotaryRegistry *NotaryRegistryCallerSession) AppId() ([20]byte, error) {
	return _NotaryRegistry.Contract.AppId(&_NotaryRegistry.CallOpts)
}

// IsSigner is a free data retrieval call binding the contract method 0x7df73e27.
//
// Solidity: function isSigner(address ) view returns(bool)
func (_NotaryRegistry *NotaryRegistryCaller) IsSigner(opts *bind.CallOpts, arg0 common.Address) (bool, error) {
	var out []interface{}
	err := _NotaryRegistry.contract.Call(opts, &out, "isSigner", arg0)

	if err != nil {
		return *new(bool), err
	}

	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)

	return out0, err

}

// IsSigner is a free data retrieval call binding the contract method 0x7df73e27.
//
// Solidity: function isSigner(address ) view returns(bool)
func (_NotaryRegistry *NotaryRegistrySession) IsSigner(arg0 common.Address) (bool, error) {
	return _NotaryRegistry.Contract.IsSigner(&_NotaryRegistry.CallOpts, arg0)
}

// IsSigner is a free data retrieval call binding the contract method 0x7df73e27.
//
// Solidity: function isSigner(address ) view returns(bool)
func (_NotaryRegistry *NotaryRegistryCallerSession) IsSigner(arg0 common.Address) (bool, error) {
	return _NotaryRegistry.Contract.IsSigner(&_NotaryRegistry.CallOpts, arg0)
}

// KmsRoot is a free data retrieval call binding the contract method 0xafc38307.
//
// Solidity: function kmsRoot() view returns(address)
func (_NotaryRegistry *NotaryRegistryCaller) KmsRoot(opts *bind.CallOpts) (common.Address, error) {
	var out []interface{}
	err := _NotaryRegistry.contract.Call(opts, &out, "kmsRoot")

	if err != nil {
		return *new(common.Address), err
	}

	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)

	return out0, err

}

// KmsRoot is a free data retrieval call binding the contract method 0xafc38307.
//
// Solidity: function kmsRoot() view returns(address)
func (_NotaryRegistry *NotaryRegistrySession) KmsRoot() (common.Address, error) {
	return _NotaryRegistry.Contract.KmsRoot(&_NotaryRegistry.CallOpts)
}

// KmsRoot is a free data retrieval call binding the contract method 0xafc38307.
//
// Solidity: function kmsRoot() view returns(address)
func (_NotaryRegistry *NotaryRegistryCallerSession) KmsRoot() (common.Address, error) {
	return _NotaryRegistry.Contract.KmsRoot(&_NotaryRegistry.CallOpts)
}

// Register is a paid mutator transaction binding the contract method 0xb7c94130.
//
// Solidity: function register(bytes signerKey, bytes appKey, bytes appSignature, bytes kmsSignature) returns(address signer)
func (_NotaryRegistry *NotaryRegistryTransactor) Register(opts *bind.TransactOpts, signerKey []byte, appKey []byte, appSignature []byte, kmsSignature []byte) (*types.Transaction, error) {
	return _NotaryRegistry.contract.Transact(opts, "register", signerKey, appKey, appSignature, kmsSignature)
}

// Register is a paid mutator transaction binding the contract method 0xb7c94130.
//
// Solidity: function register(bytes signerKey, bytes appKey, bytes appSignature, bytes kmsSignature) returns(address signer)
func (_NotaryRegistry *NotaryRegistrySession) Register(signerKey []byte, appKey []byte, appSignature []byte, kmsSignature []byte) (*types.Transaction, error) {
	return _NotaryRegistry.Contract.Register(&_NotaryRegistry.TransactOpts, signerKey, appKey, appSignature, kmsSignature)
}

// Register is a paid mutator transaction binding the contract method 0xb7c94130.
//
// Solidity: function register(bytes signerKey, bytes appKey, bytes appSignature, bytes kmsSignature) returns(address signer)
func (_NotaryRegistry *NotaryRegistryTransactorSession) Register(signerKey []byte, appKey []byte, appSignature []byte, kmsSignature []byte) (*types.Transaction, error) {
	return _NotaryRegistry.Contract.Register(&_NotaryRegistry.TransactOpts, signerKey, appKey, appSignature, kmsSignature)
}

// NotaryRegistrySignerRegisteredIterator is returned from FilterSignerRegistered and is used to iterate over the raw logs and unpacked data for SignerRegistered events raised by the NotaryRegistry contract.
type NotaryRegistrySignerRegisteredIterator struct {
	Event *NotaryRegistrySignerRegistered // Event containing the contract specifics and raw log

	contract *bind.BoundContract // Generic contract to use for unpacking event data
	event    string              // Event name to use for unpacking event data

	logs chan types.Log        // Log channel receiving the found contract events
	sub  ethereum.Subscription // Subscription for errors, completion and termination
	done bool                  // Whether the subscription completed delivering logs
	fail error                 // Occurred error to stop iteration
}

// Next advances the iterator to the subsequent event, returning whether there
// are any more events found. In case of a retrieval or parsing error, false is
// returned and Error() can be queried for the exact failure.
func (it *NotaryRegistrySignerRegisteredIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(NotaryRegistrySignerRegistered)
			if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
				it.fail = err
				return false
			}
			it.Event.Raw = log
			return true

		default:
			return false
		}
	}
	// Iterator still in progress, wait for either a data or an error event
	select {
	case log := <-it.logs:
		it.Event = new(NotaryRegistrySignerRegistered)
		if err := it.contract.UnpackLog(it.Event, it.event, log); err != nil {
			it.fail = err
			return false
		}
		it.Event.Raw = log
		return true

	case err := <-it.sub.Err():
		it.done = true
		it.fail = err
		return it.Next()
	}
}

// Error returns any retrieval or parsing error occurred during filtering.
func (it *NotaryRegistrySignerRegisteredIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *NotaryRegistrySignerRegisteredIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// NotaryRegistrySignerRegistered represents a SignerRegistered event raised by the NotaryRegistry contract.
type NotaryRegistrySignerRegistered struct {
	Signer common.Address
	AppKey common.Address
	Raw    types.Log // Blockchain specific contextual infos
}

// FilterSignerRegistered is a free log retrieval operation binding the contract event 0x175dc012575357a5bf3c0dc4de54fc23305af37379b1ebf02e67df01832eae7a.
//
// Solidity: event SignerRegistered(address indexed signer, address appKey)
func (_NotaryRegistry *NotaryRegistryFilterer) FilterSignerRegistered(opts *bind.FilterOpts, signer []common.Address) (*NotaryRegistrySignerRegisteredIterator, error) {

	var signerRule []interface{}
	for _, signerItem := range signer {
		signerRule = append(signerRule, signerItem)
	}

	logs, sub, err := _NotaryRegistry.contract.FilterLogs(opts, "SignerRegistered", signerRule)
	if err != nil {
		return nil, err
	}
	return &NotaryRegistrySignerRegisteredIterator{contract: _NotaryRegistry.contract, event: "SignerRegistered", logs: logs, sub: sub}, nil
}

// WatchSignerRegistered is a free log subscription operation binding the contract event 0x175dc012575357a5bf3c0dc4de54fc23305af37379b1ebf02e67df01832eae7a.
//
// Solidity: event SignerRegistered(address indexed signer, address appKey)
func (_NotaryRegistry *NotaryRegistryFilterer) WatchSignerRegistered(opts *bind.WatchOpts, sink chan<- *NotaryRegistrySignerRegistered, signer []common.Address) (event.Subscription, error) {

	var signerRule []interface{}
	for _, signerItem := range signer {
		signerRule = append(signerRule, signerItem)
	}

	logs, sub, err := _NotaryRegistry.contract.WatchLogs(opts, "SignerRegistered", signerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(NotaryRegistrySignerRegistered)
				if err := _NotaryRegistry.contract.UnpackLog(event, "SignerRegistered", log); err != nil {
					// If the signature doesn't match, skip this log.
					if errors.Is(err, bind.ErrEventSignatureMismatch) {
						continue
					}
					return err
				}
				event.Raw = log

				select {
				case sink <- event:
				case err := <-sub.Err():
					return err
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return err
			case <-quit:
				return nil
			}
		}
	}), nil
}

// ParseSignerRegistered is a log parse operation binding the contract event 0x175dc012575357a5bf3c0dc4de54fc23305af37379b1ebf02e67df01832eae7a.
//
// Solidity: event SignerRegistered(address indexed signer, address appKey)
func (_NotaryRegistry *NotaryRegistryFilterer) ParseSignerRegistered(log types.Log) (*NotaryRegistrySignerRegistered, error) {
	event := new(NotaryRegistrySignerRegistered)
	if err := _NotaryRegistry.contract.UnpackLog(event, "SignerRegistered", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}
