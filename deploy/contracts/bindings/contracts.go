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

// DevKmsKmsInfo is an auto generated low-level Go binding around an user-defined struct.
type DevKmsKmsInfo struct {
	K256Pubkey []byte
	CaPubkey   []byte
	Quote      []byte
	Eventlog   []byte
}

// DevproofAppAuthChange is an auto generated low-level Go binding around an user-defined struct.
type DevproofAppAuthChange struct {
	Kind        uint8
	Value       [32]byte
	ProposedAt  uint64
	EffectiveAt uint64
	ActivatedAt uint64
	Cancelled   bool
}

// IAppAuthAppBootInfo is an auto generated low-level Go binding around an user-defined struct.
type IAppAuthAppBootInfo struct {
	AppId        common.Address
	ComposeHash  [32]byte
	InstanceId   common.Address
	DeviceId     [32]byte
	MrAggregated [32]byte
	MrSystem     [32]byte
	OsImageHash  [32]byte
	TcbStatus    string
	AdvisoryIds  []string
}

// PredictionMarketStatement is an auto generated low-level Go binding around an user-defined struct.
type PredictionMarketStatement struct {
	RequestHash  [32]byte
	ResponseHash [32]byte
	SessionHash  [32]byte
	Value        []byte
	ObservedAt   uint64
}

// PredictionMarketTerms is an auto generated low-level Go binding around an user-defined struct.
type PredictionMarketTerms struct {
	SourceUrl    string
	Pointer      string
	Comparator   string
	Threshold    string
	ResolveAfter uint64
	Window       uint64
}

// DevKmsMetaData contains all meta data concerning the DevKms contract.
var DevKmsMetaData = &bind.MetaData{
	ABI: "[{\"inputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwner\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address\",\"name\":\"appId\",\"type\":\"address\"}],\"name\":\"AppRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"k256Pubkey\",\"type\":\"bytes\"}],\"name\":\"KmsInfoSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"osImageHash\",\"type\":\"bytes32\"}],\"name\":\"OsImageHashAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"osImageHash\",\"type\":\"bytes32\"}],\"name\":\"OsImageHashRemoved\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"osImageHash\",\"type\":\"bytes32\"}],\"name\":\"addOsImageHash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"allowedOsImages\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"appId\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"composeHash\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"instanceId\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"mrAggregated\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"mrSystem\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"osImageHash\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"tcbStatus\",\"type\":\"string\"},{\"internalType\":\"string[]\",\"name\":\"advisoryIds\",\"type\":\"string[]\"}],\"internalType\":\"structIAppAuth.AppBootInfo\",\"name\":\"bootInfo\",\"type\":\"tuple\"}],\"name\":\"isAppAllowed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"isAllowed\",\"type\":\"bool\"},{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"kmsInfo\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"k256Pubkey\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"caPubkey\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"quote\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"eventlog\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"appId\",\"type\":\"address\"}],\"name\":\"registerApp\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"registeredApps\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"osImageHash\",\"type\":\"bytes32\"}],\"name\":\"removeOsImageHash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes\",\"name\":\"k256Pubkey\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"caPubkey\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"quote\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"eventlog\",\"type\":\"bytes\"}],\"internalType\":\"structDevKms.KmsInfo\",\"name\":\"info\",\"type\":\"tuple\"}],\"name\":\"setKmsInfo\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"pure\",\"type\":\"function\"}]",
	Bin: "0x6080604052348015600e575f5ffd5b505f80546001600160a01b03191633179055610f128061002d5f395ff3fe608060405234801561000f575f5ffd5b506004361061009b575f3560e01c80637d025352116100635780637d025352146101285780638da5cb5b1461013b5780639425bac6146101655780639a4e1d1814610178578063a6c4cce91461019a575f5ffd5b806301ffc9a71461009f57806306a3ae96146100c757806309177063146100dc57806317a1d80f146100f45780631e07919814610107575b5f5ffd5b6100b26100ad3660046107ad565b6101bc565b60405190151581526020015b60405180910390f35b6100da6100d53660046107db565b6101f2565b005b6100e4610278565b6040516100be9493929190610820565b6100da610102366004610892565b6104ac565b61011a6101153660046108ab565b610547565b6040516100be9291906108e3565b6100da610136366004610905565b6106c5565b5f5461014d906001600160a01b031681565b6040516001600160a01b0390911681526020016100be565b6100da6101733660046107db565b61073a565b6100b26101863660046107db565b60026020525f908152604090205460ff1681565b6100b26101a8366004610892565b60016020525f908152604090205460ff1681565b5f6301ffc9a760e01b6001600160e01b0319831614806101ec57506303c0f23360e31b6001600160e01b03198316145b92915050565b5f546001600160a01b031633146102235760405163245aecd360e01b81523360048201526024015b60405180910390fd5b5f8181526002602052604090819020805460ff19166001179055517f4911843506849c85a5ca6e6e2c01eed2d3ab86baba619517a2aad9d5ab2aeff29061026d9083815260200190565b60405180910390a150565b6003805481906102879061093c565b80601f01602080910402602001604051908101604052809291908181526020018280546102b39061093c565b80156102fe5780601f106102d5576101008083540402835291602001916102fe565b820191905f5260205f20905b8154815290600101906020018083116102e157829003601f168201915b5050505050908060010180546103139061093c565b80601f016020809104026020016040519081016040528092919081815260200182805461033f9061093c565b801561038a5780601f106103615761010080835404028352916020019161038a565b820191905f5260205f20905b81548152906001019060200180831161036d57829003601f168201915b50505050509080600201805461039f9061093c565b80601f01602080910402602001604051908101604052809291908181526020018280546103cb9061093c565b80156104165780601f106103ed57610100808354040283529160200191610416565b820191905f5260205f20905b8154815290600101906020018083116103f957829003601f168201915b50505050509080600301805461042b9061093c565b80601f01602080910402602001604051908101604052809291908181526020018280546104579061093c565b80156104a25780601f10610479576101008083540402835291602001916104a2565b820191905f5260205f20905b81548152906001019060200180831161048557829003601f168201915b5050505050905084565b6001600160a01b0381166104f35760405162461bcd60e51b815260206004820152600e60248201526d125b9d985b1a5908185c1c08125160921b604482015260640161021a565b6001600160a01b0381165f81815260016020818152604092839020805460ff191690921790915590519182527f0d540ad8f39e07d19909687352b9fa017405d93c91a6760981fbae9cf28bfef7910161026d565b5f606060018261055a6020860186610892565b6001600160a01b0316815260208101919091526040015f205460ff166105ac575050604080518082019091526012815271105c1c081b9bdd081c9959da5cdd195c995960721b60208201525f92909150565b60c08301355f9081526002602052604090205460ff1661060357505060408051808201909152601781527f4f5320696d616765206973206e6f7420616c6c6f77656400000000000000000060208201525f92909150565b6106106020840184610892565b6001600160a01b03163b5f03610643575f604051806060016040528060238152602001610eba6023913991509150915091565b6106506020840184610892565b6001600160a01b0316631e079198846040518263ffffffff1660e01b815260040161067b9190610a8b565b5f60405180830381865afa158015610695573d5f5f3e3d5ffd5b505050506040513d5f823e601f3d908101601f191682016040526106bc9190810190610b75565b91509150915091565b5f546001600160a01b031633146106f15760405163245aecd360e01b815233600482015260240161021a565b8060036106fe8282610d89565b507f77cdad119a452bbd96c45635758fc4af8a6bde3deaccf3fada634ddf9a162706905061072c8280610c40565b60405161026d929190610ea6565b5f546001600160a01b031633146107665760405163245aecd360e01b815233600482015260240161021a565b5f8181526002602052604090819020805460ff19169055517f99b3cee95daf3138d0c982299cd0264f5b7a61aa629b42b92f3ec8966aa7f6fe9061026d9083815260200190565b5f602082840312156107bd575f5ffd5b81356001600160e01b0319811681146107d4575f5ffd5b9392505050565b5f602082840312156107eb575f5ffd5b5035919050565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b608081525f61083260808301876107f2565b828103602084015261084481876107f2565b9050828103604084015261085881866107f2565b9050828103606084015261086c81856107f2565b979650505050505050565b80356001600160a01b038116811461088d575f5ffd5b919050565b5f602082840312156108a2575f5ffd5b6107d482610877565b5f602082840312156108bb575f5ffd5b813567ffffffffffffffff8111156108d1575f5ffd5b820161012081850312156107d4575f5ffd5b8215158152604060208201525f6108fd60408301846107f2565b949350505050565b5f60208284031215610915575f5ffd5b813567ffffffffffffffff81111561092b575f5ffd5b8201608081850312156107d4575f5ffd5b600181811c9082168061095057607f821691505b60208210810361096e57634e487b7160e01b5f52602260045260245ffd5b50919050565b5f5f8335601e19843603018112610989575f5ffd5b830160208101925035905067ffffffffffffffff8111156109a8575f5ffd5b8036038213156109b6575f5ffd5b9250929050565b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b5f5f8335601e198436030181126109fa575f5ffd5b830160208101925035905067ffffffffffffffff811115610a19575f5ffd5b8060051b36038213156109b6575f5ffd5b5f8383855260208501945060208460051b820101835f5b86811015610a7f57838303601f19018852610a5c8287610974565b610a678582846109bd565b60209a8b019a90955093909301925050600101610a41565b50909695505050505050565b60208152610aac60208201610a9f84610877565b6001600160a01b03169052565b5f5f6020840135905080604084015250610ac860408401610877565b6001600160a01b038116606084015250606083013560808381019190915283013560a08084019190915283013560c08084019190915283013560e080840191909152610b1690840184610974565b610120610100850152610b2e610140850182846109bd565b915050610b3f6101008501856109e5565b848303601f1901610120860152610b57838284610a2a565b9695505050505050565b634e487b7160e01b5f52604160045260245ffd5b5f5f60408385031215610b86575f5ffd5b82518015158114610b95575f5ffd5b602084015190925067ffffffffffffffff811115610bb1575f5ffd5b8301601f81018513610bc1575f5ffd5b805167ffffffffffffffff811115610bdb57610bdb610b61565b604051601f8201601f19908116603f0116810167ffffffffffffffff81118282101715610c0a57610c0a610b61565b604052818152828201602001871015610c21575f5ffd5b8160208401602083015e5f602083830101528093505050509250929050565b5f5f8335601e19843603018112610c55575f5ffd5b83018035915067ffffffffffffffff821115610c6f575f5ffd5b6020019150368190038213156109b6575f5ffd5b601f821115610cca57805f5260205f20601f840160051c81016020851015610ca85750805b601f840160051c820191505b81811015610cc7575f8155600101610cb4565b50505b505050565b67ffffffffffffffff831115610ce757610ce7610b61565b610cfb83610cf5835461093c565b83610c83565b5f601f841160018114610d2c575f8515610d155750838201355b5f19600387901b1c1916600186901b178355610cc7565b5f83815260208120601f198716915b82811015610d5b5786850135825560209485019460019092019101610d3b565b5086821015610d77575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b610d938283610c40565b67ffffffffffffffff811115610dab57610dab610b61565b610dbf81610db9855461093c565b85610c83565b5f601f821160018114610df0575f8315610dd95750838201355b5f19600385901b1c1916600184901b178555610e47565b5f85815260208120601f198516915b82811015610e1f5786850135825560209485019460019092019101610dff565b5084821015610e3b575f1960f88660031b161c19848701351681555b505060018360011b0185555b50505050610e586020830183610c40565b610e66818360018601610ccf565b5050610e756040830183610c40565b610e83818360028601610ccf565b5050610e926060830183610c40565b610ea0818360038601610ccf565b50505050565b602081525f6108fd6020830184866109bd56fe417070206e6f74206465706c6f796564206f7220696e76616c69642061646472657373a2646970667358221220e5640f852fc0bd59f943f6e9ec5354553b8ed9345ed72550054f6b5f3627af0664736f6c634300081c0033",
}

// DevKmsABI is the input ABI used to generate the binding from.
// Deprecated: Use DevKmsMetaData.ABI instead.
var DevKmsABI = DevKmsMetaData.ABI

// DevKmsBin is the compiled bytecode used for deploying new contracts.
// Deprecated: Use DevKmsMetaData.Bin instead.
var DevKmsBin = DevKmsMetaData.Bin

// DeployDevKms deploys a new Ethereum contract, binding an instance of DevKms to it.
func DeployDevKms(auth *bind.TransactOpts, backend bind.ContractBackend) (common.Address, *types.Transaction, *DevKms, error) {
	parsed, err := DevKmsMetaData.GetAbi()
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	if parsed == nil {
		return common.Address{}, nil, nil, errors.New("GetABI returned nil")
	}

	address, tx, contract, err := bind.DeployContract(auth, *parsed, common.FromHex(DevKmsBin), backend)
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	return address, tx, &DevKms{DevKmsCaller: DevKmsCaller{contract: contract}, DevKmsTransactor: DevKmsTransactor{contract: contract}, DevKmsFilterer: DevKmsFilterer{contract: contract}}, nil
}

// DevKms is an auto generated Go binding around an Ethereum contract.
type DevKms struct {
	DevKmsCaller     // Read-only binding to the contract
	DevKmsTransactor // Write-only binding to the contract
	DevKmsFilterer   // Log filterer for contract events
}

// DevKmsCaller is an auto generated read-only Go binding around an Ethereum contract.
type DevKmsCaller struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// DevKmsTransactor is an auto generated write-only Go binding around an Ethereum contract.
type DevKmsTransactor struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// DevKmsFilterer is an auto generated log filtering Go binding around an Ethereum contract events.
type DevKmsFilterer struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// DevKmsSession is an auto generated Go binding around an Ethereum contract,
// with pre-set call and transact options.
type DevKmsSession struct {
	Contract     *DevKms           // Generic contract binding to set the session for
	CallOpts     bind.CallOpts     // Call options to use throughout this session
	TransactOpts bind.TransactOpts // Transaction auth options to use throughout this session
}

// DevKmsCallerSession is an auto generated read-only Go binding around an Ethereum contract,
// with pre-set call options.
type DevKmsCallerSession struct {
	Contract *DevKmsCaller // Generic contract caller binding to set the session for
	CallOpts bind.CallOpts // Call options to use throughout this session
}

// DevKmsTransactorSession is an auto generated write-only Go binding around an Ethereum contract,
// with pre-set transact options.
type DevKmsTransactorSession struct {
	Contract     *DevKmsTransactor // Generic contract transactor binding to set the session for
	TransactOpts bind.TransactOpts // Transaction auth options to use throughout this session
}

// DevKmsRaw is an auto generated low-level Go binding around an Ethereum contract.
type DevKmsRaw struct {
	Contract *DevKms // Generic contract binding to access the raw methods on
}

// DevKmsCallerRaw is an auto generated low-level read-only Go binding around an Ethereum contract.
type DevKmsCallerRaw struct {
	Contract *DevKmsCaller // Generic read-only contract binding to access the raw methods on
}

// DevKmsTransactorRaw is an auto generated low-level write-only Go binding around an Ethereum contract.
type DevKmsTransactorRaw struct {
	Contract *DevKmsTransactor // Generic write-only contract binding to access the raw methods on
}

// NewDevKms creates a new instance of DevKms, bound to a specific deployed contract.
func NewDevKms(address common.Address, backend bind.ContractBackend) (*DevKms, error) {
	contract, err := bindDevKms(address, backend, backend, backend)
	if err != nil {
		return nil, err
	}
	return &DevKms{DevKmsCaller: DevKmsCaller{contract: contract}, DevKmsTransactor: DevKmsTransactor{contract: contract}, DevKmsFilterer: DevKmsFilterer{contract: contract}}, nil
}

// NewDevKmsCaller creates a new read-only instance of DevKms, bound to a specific deployed contract.
func NewDevKmsCaller(address common.Address, caller bind.ContractCaller) (*DevKmsCaller, error) {
	contract, err := bindDevKms(address, caller, nil, nil)
	if err != nil {
		return nil, err
	}
	return &DevKmsCaller{contract: contract}, nil
}

// NewDevKmsTransactor creates a new write-only instance of DevKms, bound to a specific deployed contract.
func NewDevKmsTransactor(address common.Address, transactor bind.ContractTransactor) (*DevKmsTransactor, error) {
	contract, err := bindDevKms(address, nil, transactor, nil)
	if err != nil {
		return nil, err
	}
	return &DevKmsTransactor{contract: contract}, nil
}

// NewDevKmsFilterer creates a new log filterer instance of DevKms, bound to a specific deployed contract.
func NewDevKmsFilterer(address common.Address, filterer bind.ContractFilterer) (*DevKmsFilterer, error) {
	contract, err := bindDevKms(address, nil, nil, filterer)
	if err != nil {
		return nil, err
	}
	return &DevKmsFilterer{contract: contract}, nil
}

// bindDevKms binds a generic wrapper to an already deployed contract.
func bindDevKms(address common.Address, caller bind.ContractCaller, transactor bind.ContractTransactor, filterer bind.ContractFilterer) (*bind.BoundContract, error) {
	parsed, err := DevKmsMetaData.GetAbi()
	if err != nil {
		return nil, err
	}
	return bind.NewBoundContract(address, *parsed, caller, transactor, filterer), nil
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_DevKms *DevKmsRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _DevKms.Contract.DevKmsCaller.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_DevKms *DevKmsRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _DevKms.Contract.DevKmsTransactor.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_DevKms *DevKmsRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _DevKms.Contract.DevKmsTransactor.contract.Transact(opts, method, params...)
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_DevKms *DevKmsCallerRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _DevKms.Contract.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_DevKms *DevKmsTransactorRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _DevKms.Contract.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_DevKms *DevKmsTransactorRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _DevKms.Contract.contract.Transact(opts, method, params...)
}

// AllowedOsImages is a free data retrieval call binding the contract method 0x9a4e1d18.
//
// Solidity: function allowedOsImages(bytes32 ) view returns(bool)
func (_DevKms *DevKmsCaller) AllowedOsImages(opts *bind.CallOpts, arg0 [32]byte) (bool, error) {
	var out []interface{}
	err := _DevKms.contract.Call(opts, &out, "allowedOsImages", arg0)

	if err != nil {
		return *new(bool), err
	}

	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)

	return out0, err

}

// AllowedOsImages is a free data retrieval call binding the contract method 0x9a4e1d18.
//
// Solidity: function allowedOsImages(bytes32 ) view returns(bool)
func (_DevKms *DevKmsSession) AllowedOsImages(arg0 [32]byte) (bool, error) {
	return _DevKms.Contract.AllowedOsImages(&_DevKms.CallOpts, arg0)
}

// AllowedOsImages is a free data retrieval call binding the contract method 0x9a4e1d18.
//
// Solidity: function allowedOsImages(bytes32 ) view returns(bool)
func (_DevKms *DevKmsCallerSession) AllowedOsImages(arg0 [32]byte) (bool, error) {
	return _DevKms.Contract.AllowedOsImages(&_DevKms.CallOpts, arg0)
}

// IsAppAllowed is a free data retrieval call binding the contract method 0x1e079198.
//
// Solidity: function isAppAllowed((address,bytes32,address,bytes32,bytes32,bytes32,bytes32,string,string[]) bootInfo) view returns(bool isAllowed, string reason)
func (_DevKms *DevKmsCaller) IsAppAllowed(opts *bind.CallOpts, bootInfo IAppAuthAppBootInfo) (struct {
	IsAllowed bool
	Reason    string
}, error) {
	var out []interface{}
	err := _DevKms.contract.Call(opts, &out, "isAppAllowed", bootInfo)

	outstruct := new(struct {
		IsAllowed bool
		Reason    string
	})
	if err != nil {
		return *outstruct, err
	}

	outstruct.IsAllowed = *abi.ConvertType(out[0], new(bool)).(*bool)
	outstruct.Reason = *abi.ConvertType(out[1], new(string)).(*string)

	return *outstruct, err

}

// IsAppAllowed is a free data retrieval call binding the contract method 0x1e079198.
//
// Solidity: function isAppAllowed((address,bytes32,address,bytes32,bytes32,bytes32,bytes32,string,string[]) bootInfo) view returns(bool isAllowed, string reason)
func (_DevKms *DevKmsSession) IsAppAllowed(bootInfo IAppAuthAppBootInfo) (struct {
	IsAllowed bool
	Reason    string
}, error) {
	return _DevKms.Contract.IsAppAllowed(&_DevKms.CallOpts, bootInfo)
}

// IsAppAllowed is a free data retrieval call binding the contract method 0x1e079198.
//
// Solidity: function isAppAllowed((address,bytes32,address,bytes32,bytes32,bytes32,bytes32,string,string[]) bootInfo) view returns(bool isAllowed, string reason)
func (_DevKms *DevKmsCallerSession) IsAppAllowed(bootInfo IAppAuthAppBootInfo) (struct {
	IsAllowed bool
	Reason    string
}, error) {
	return _DevKms.Contract.IsAppAllowed(&_DevKms.CallOpts, bootInfo)
}

// KmsInfo is a free data retrieval call binding the contract method 0x09177063.
//
// Solidity: function kmsInfo() view returns(bytes k256Pubkey, bytes caPubkey, bytes quote, bytes eventlog)
func (_DevKms *DevKmsCaller) KmsInfo(opts *bind.CallOpts) (struct {
	K256Pubkey []byte
	CaPubkey   []byte
	Quote      []byte
	Eventlog   []byte
}, error) {
	var out []interface{}
	err := _DevKms.contract.Call(opts, &out, "kmsInfo")

	outstruct := new(struct {
		K256Pubkey []byte
		CaPubkey   []byte
		Quote      []byte
		Eventlog   []byte
	})
	if err != nil {
		return *outstruct, err
	}

	outstruct.K256Pubkey = *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	outstruct.CaPubkey = *abi.ConvertType(out[1], new([]byte)).(*[]byte)
	outstruct.Quote = *abi.ConvertType(out[2], new([]byte)).(*[]byte)
	outstruct.Eventlog = *abi.ConvertType(out[3], new([]byte)).(*[]byte)

	return *outstruct, err

}

// KmsInfo is a free data retrieval call binding the contract method 0x09177063.
//
// Solidity: function kmsInfo() view returns(bytes k256Pubkey, bytes caPubkey, bytes quote, bytes eventlog)
func (_DevKms *DevKmsSession) KmsInfo() (struct {
	K256Pubkey []byte
	CaPubkey   []byte
	Quote      []byte
	Eventlog   []byte
}, error) {
	return _DevKms.Contract.KmsInfo(&_DevKms.CallOpts)
}

// KmsInfo is a free data retrieval call binding the contract method 0x09177063.
//
// Solidity: function kmsInfo() view returns(bytes k256Pubkey, bytes caPubkey, bytes quote, bytes eventlog)
func (_DevKms *DevKmsCallerSession) KmsInfo() (struct {
	K256Pubkey []byte
	CaPubkey   []byte
	Quote      []byte
	Eventlog   []byte
}, error) {
	return _DevKms.Contract.KmsInfo(&_DevKms.CallOpts)
}

// Owner is a free data retrieval call binding the contract method 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (_DevKms *DevKmsCaller) Owner(opts *bind.CallOpts) (common.Address, error) {
	var out []interface{}
	err := _DevKms.contract.Call(opts, &out, "owner")

	if err != nil {
		return *new(common.Address), err
	}

	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)

	return out0, err

}

// Owner is a free data retrieval call binding the contract method 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (_DevKms *DevKmsSession) Owner() (common.Address, error) {
	return _DevKms.Contract.Owner(&_DevKms.CallOpts)
}

// Owner is a free data retrieval call binding the contract method 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (_DevKms *DevKmsCallerSession) Owner() (common.Address, error) {
	return _DevKms.Contract.Owner(&_DevKms.CallOpts)
}

// RegisteredApps is a free data retrieval call binding the contract method 0xa6c4cce9.
//
// Solidity: function registeredApps(address ) view returns(bool)
func (_DevKms *DevKmsCaller) RegisteredApps(opts *bind.CallOpts, arg0 common.Address) (bool, error) {
	var out []interface{}
	err := _DevKms.contract.Call(opts, &out, "registeredApps", arg0)

	if err != nil {
		return *new(bool), err
	}

	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)

	return out0, err

}

// RegisteredApps is a free data retrieval call binding the contract method 0xa6c4cce9.
//
// Solidity: function registeredApps(address ) view returns(bool)
func (_DevKms *DevKmsSession) RegisteredApps(arg0 common.Address) (bool, error) {
	return _DevKms.Contract.RegisteredApps(&_DevKms.CallOpts, arg0)
}

// RegisteredApps is a free data retrieval call binding the contract method 0xa6c4cce9.
//
// Solidity: function registeredApps(address ) view returns(bool)
func (_DevKms *DevKmsCallerSession) RegisteredApps(arg0 common.Address) (bool, error) {
	return _DevKms.Contract.RegisteredApps(&_DevKms.CallOpts, arg0)
}

// SupportsInterface is a free data retrieval call binding the contract method 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) pure returns(bool)
func (_DevKms *DevKmsCaller) SupportsInterface(opts *bind.CallOpts, interfaceId [4]byte) (bool, error) {
	var out []interface{}
	err := _DevKms.contract.Call(opts, &out, "supportsInterface", interfaceId)

	if err != nil {
		return *new(bool), err
	}

	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)

	return out0, err

}

// SupportsInterface is a free data retrieval call binding the contract method 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) pure returns(bool)
func (_DevKms *DevKmsSession) SupportsInterface(interfaceId [4]byte) (bool, error) {
	return _DevKms.Contract.SupportsInterface(&_DevKms.CallOpts, interfaceId)
}

// SupportsInterface is a free data retrieval call binding the contract method 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) pure returns(bool)
func (_DevKms *DevKmsCallerSession) SupportsInterface(interfaceId [4]byte) (bool, error) {
	return _DevKms.Contract.SupportsInterface(&_DevKms.CallOpts, interfaceId)
}

// AddOsImageHash is a paid mutator transaction binding the contract method 0x06a3ae96.
//
// Solidity: function addOsImageHash(bytes32 osImageHash) returns()
func (_DevKms *DevKmsTransactor) AddOsImageHash(opts *bind.TransactOpts, osImageHash [32]byte) (*types.Transaction, error) {
	return _DevKms.contract.Transact(opts, "addOsImageHash", osImageHash)
}

// AddOsImageHash is a paid mutator transaction binding the contract method 0x06a3ae96.
//
// Solidity: function addOsImageHash(bytes32 osImageHash) returns()
func (_DevKms *DevKmsSession) AddOsImageHash(osImageHash [32]byte) (*types.Transaction, error) {
	return _DevKms.Contract.AddOsImageHash(&_DevKms.TransactOpts, osImageHash)
}

// AddOsImageHash is a paid mutator transaction binding the contract method 0x06a3ae96.
//
// Solidity: function addOsImageHash(bytes32 osImageHash) returns()
func (_DevKms *DevKmsTransactorSession) AddOsImageHash(osImageHash [32]byte) (*types.Transaction, error) {
	return _DevKms.Contract.AddOsImageHash(&_DevKms.TransactOpts, osImageHash)
}

// RegisterApp is a paid mutator transaction binding the contract method 0x17a1d80f.
//
// Solidity: function registerApp(address appId) returns()
func (_DevKms *DevKmsTransactor) RegisterApp(opts *bind.TransactOpts, appId common.Address) (*types.Transaction, error) {
	return _DevKms.contract.Transact(opts, "registerApp", appId)
}

// RegisterApp is a paid mutator transaction binding the contract method 0x17a1d80f.
//
// Solidity: function registerApp(address appId) returns()
func (_DevKms *DevKmsSession) RegisterApp(appId common.Address) (*types.Transaction, error) {
	return _DevKms.Contract.RegisterApp(&_DevKms.TransactOpts, appId)
}

// RegisterApp is a paid mutator transaction binding the contract method 0x17a1d80f.
//
// Solidity: function registerApp(address appId) returns()
func (_DevKms *DevKmsTransactorSession) RegisterApp(appId common.Address) (*types.Transaction, error) {
	return _DevKms.Contract.RegisterApp(&_DevKms.TransactOpts, appId)
}

// RemoveOsImageHash is a paid mutator transaction binding the contract method 0x9425bac6.
//
// Solidity: function removeOsImageHash(bytes32 osImageHash) returns()
func (_DevKms *DevKmsTransactor) RemoveOsImageHash(opts *bind.TransactOpts, osImageHash [32]byte) (*types.Transaction, error) {
	return _DevKms.contract.Transact(opts, "removeOsImageHash", osImageHash)
}

// RemoveOsImageHash is a paid mutator transaction binding the contract method 0x9425bac6.
//
// Solidity: function removeOsImageHash(bytes32 osImageHash) returns()
func (_DevKms *DevKmsSession) RemoveOsImageHash(osImageHash [32]byte) (*types.Transaction, error) {
	return _DevKms.Contract.RemoveOsImageHash(&_DevKms.TransactOpts, osImageHash)
}

// RemoveOsImageHash is a paid mutator transaction binding the contract method 0x9425bac6.
//
// Solidity: function removeOsImageHash(bytes32 osImageHash) returns()
func (_DevKms *DevKmsTransactorSession) RemoveOsImageHash(osImageHash [32]byte) (*types.Transaction, error) {
	return _DevKms.Contract.RemoveOsImageHash(&_DevKms.TransactOpts, osImageHash)
}

// SetKmsInfo is a paid mutator transaction binding the contract method 0x7d025352.
//
// Solidity: function setKmsInfo((bytes,bytes,bytes,bytes) info) returns()
func (_DevKms *DevKmsTransactor) SetKmsInfo(opts *bind.TransactOpts, info DevKmsKmsInfo) (*types.Transaction, error) {
	return _DevKms.contract.Transact(opts, "setKmsInfo", info)
}

// SetKmsInfo is a paid mutator transaction binding the contract method 0x7d025352.
//
// Solidity: function setKmsInfo((bytes,bytes,bytes,bytes) info) returns()
func (_DevKms *DevKmsSession) SetKmsInfo(info DevKmsKmsInfo) (*types.Transaction, error) {
	return _DevKms.Contract.SetKmsInfo(&_DevKms.TransactOpts, info)
}

// SetKmsInfo is a paid mutator transaction binding the contract method 0x7d025352.
//
// Solidity: function setKmsInfo((bytes,bytes,bytes,bytes) info) returns()
func (_DevKms *DevKmsTransactorSession) SetKmsInfo(info DevKmsKmsInfo) (*types.Transaction, error) {
	return _DevKms.Contract.SetKmsInfo(&_DevKms.TransactOpts, info)
}

// DevKmsAppRegisteredIterator is returned from FilterAppRegistered and is used to iterate over the raw logs and unpacked data for AppRegistered events raised by the DevKms contract.
type DevKmsAppRegisteredIterator struct {
	Event *DevKmsAppRegistered // Event containing the contract specifics and raw log

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
func (it *DevKmsAppRegisteredIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevKmsAppRegistered)
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
		it.Event = new(DevKmsAppRegistered)
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
func (it *DevKmsAppRegisteredIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevKmsAppRegisteredIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevKmsAppRegistered represents a AppRegistered event raised by the DevKms contract.
type DevKmsAppRegistered struct {
	AppId common.Address
	Raw   types.Log // Blockchain specific contextual infos
}

// FilterAppRegistered is a free log retrieval operation binding the contract event 0x0d540ad8f39e07d19909687352b9fa017405d93c91a6760981fbae9cf28bfef7.
//
// Solidity: event AppRegistered(address appId)
func (_DevKms *DevKmsFilterer) FilterAppRegistered(opts *bind.FilterOpts) (*DevKmsAppRegisteredIterator, error) {

	logs, sub, err := _DevKms.contract.FilterLogs(opts, "AppRegistered")
	if err != nil {
		return nil, err
	}
	return &DevKmsAppRegisteredIterator{contract: _DevKms.contract, event: "AppRegistered", logs: logs, sub: sub}, nil
}

// WatchAppRegistered is a free log subscription operation binding the contract event 0x0d540ad8f39e07d19909687352b9fa017405d93c91a6760981fbae9cf28bfef7.
//
// Solidity: event AppRegistered(address appId)
func (_DevKms *DevKmsFilterer) WatchAppRegistered(opts *bind.WatchOpts, sink chan<- *DevKmsAppRegistered) (event.Subscription, error) {

	logs, sub, err := _DevKms.contract.WatchLogs(opts, "AppRegistered")
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevKmsAppRegistered)
				if err := _DevKms.contract.UnpackLog(event, "AppRegistered", log); err != nil {
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

// ParseAppRegistered is a log parse operation binding the contract event 0x0d540ad8f39e07d19909687352b9fa017405d93c91a6760981fbae9cf28bfef7.
//
// Solidity: event AppRegistered(address appId)
func (_DevKms *DevKmsFilterer) ParseAppRegistered(log types.Log) (*DevKmsAppRegistered, error) {
	event := new(DevKmsAppRegistered)
	if err := _DevKms.contract.UnpackLog(event, "AppRegistered", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// DevKmsKmsInfoSetIterator is returned from FilterKmsInfoSet and is used to iterate over the raw logs and unpacked data for KmsInfoSet events raised by the DevKms contract.
type DevKmsKmsInfoSetIterator struct {
	Event *DevKmsKmsInfoSet // Event containing the contract specifics and raw log

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
func (it *DevKmsKmsInfoSetIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevKmsKmsInfoSet)
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
		it.Event = new(DevKmsKmsInfoSet)
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
func (it *DevKmsKmsInfoSetIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevKmsKmsInfoSetIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevKmsKmsInfoSet represents a KmsInfoSet event raised by the DevKms contract.
type DevKmsKmsInfoSet struct {
	K256Pubkey []byte
	Raw        types.Log // Blockchain specific contextual infos
}

// FilterKmsInfoSet is a free log retrieval operation binding the contract event 0x77cdad119a452bbd96c45635758fc4af8a6bde3deaccf3fada634ddf9a162706.
//
// Solidity: event KmsInfoSet(bytes k256Pubkey)
func (_DevKms *DevKmsFilterer) FilterKmsInfoSet(opts *bind.FilterOpts) (*DevKmsKmsInfoSetIterator, error) {

	logs, sub, err := _DevKms.contract.FilterLogs(opts, "KmsInfoSet")
	if err != nil {
		return nil, err
	}
	return &DevKmsKmsInfoSetIterator{contract: _DevKms.contract, event: "KmsInfoSet", logs: logs, sub: sub}, nil
}

// WatchKmsInfoSet is a free log subscription operation binding the contract event 0x77cdad119a452bbd96c45635758fc4af8a6bde3deaccf3fada634ddf9a162706.
//
// Solidity: event KmsInfoSet(bytes k256Pubkey)
func (_DevKms *DevKmsFilterer) WatchKmsInfoSet(opts *bind.WatchOpts, sink chan<- *DevKmsKmsInfoSet) (event.Subscription, error) {

	logs, sub, err := _DevKms.contract.WatchLogs(opts, "KmsInfoSet")
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevKmsKmsInfoSet)
				if err := _DevKms.contract.UnpackLog(event, "KmsInfoSet", log); err != nil {
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

// ParseKmsInfoSet is a log parse operation binding the contract event 0x77cdad119a452bbd96c45635758fc4af8a6bde3deaccf3fada634ddf9a162706.
//
// Solidity: event KmsInfoSet(bytes k256Pubkey)
func (_DevKms *DevKmsFilterer) ParseKmsInfoSet(log types.Log) (*DevKmsKmsInfoSet, error) {
	event := new(DevKmsKmsInfoSet)
	if err := _DevKms.contract.UnpackLog(event, "KmsInfoSet", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// DevKmsOsImageHashAddedIterator is returned from FilterOsImageHashAdded and is used to iterate over the raw logs and unpacked data for OsImageHashAdded events raised by the DevKms contract.
type DevKmsOsImageHashAddedIterator struct {
	Event *DevKmsOsImageHashAdded // Event containing the contract specifics and raw log

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
func (it *DevKmsOsImageHashAddedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevKmsOsImageHashAdded)
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
		it.Event = new(DevKmsOsImageHashAdded)
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
func (it *DevKmsOsImageHashAddedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevKmsOsImageHashAddedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevKmsOsImageHashAdded represents a OsImageHashAdded event raised by the DevKms contract.
type DevKmsOsImageHashAdded struct {
	OsImageHash [32]byte
	Raw         types.Log // Blockchain specific contextual infos
}

// FilterOsImageHashAdded is a free log retrieval operation binding the contract event 0x4911843506849c85a5ca6e6e2c01eed2d3ab86baba619517a2aad9d5ab2aeff2.
//
// Solidity: event OsImageHashAdded(bytes32 osImageHash)
func (_DevKms *DevKmsFilterer) FilterOsImageHashAdded(opts *bind.FilterOpts) (*DevKmsOsImageHashAddedIterator, error) {

	logs, sub, err := _DevKms.contract.FilterLogs(opts, "OsImageHashAdded")
	if err != nil {
		return nil, err
	}
	return &DevKmsOsImageHashAddedIterator{contract: _DevKms.contract, event: "OsImageHashAdded", logs: logs, sub: sub}, nil
}

// WatchOsImageHashAdded is a free log subscription operation binding the contract event 0x4911843506849c85a5ca6e6e2c01eed2d3ab86baba619517a2aad9d5ab2aeff2.
//
// Solidity: event OsImageHashAdded(bytes32 osImageHash)
func (_DevKms *DevKmsFilterer) WatchOsImageHashAdded(opts *bind.WatchOpts, sink chan<- *DevKmsOsImageHashAdded) (event.Subscription, error) {

	logs, sub, err := _DevKms.contract.WatchLogs(opts, "OsImageHashAdded")
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevKmsOsImageHashAdded)
				if err := _DevKms.contract.UnpackLog(event, "OsImageHashAdded", log); err != nil {
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

// ParseOsImageHashAdded is a log parse operation binding the contract event 0x4911843506849c85a5ca6e6e2c01eed2d3ab86baba619517a2aad9d5ab2aeff2.
//
// Solidity: event OsImageHashAdded(bytes32 osImageHash)
func (_DevKms *DevKmsFilterer) ParseOsImageHashAdded(log types.Log) (*DevKmsOsImageHashAdded, error) {
	event := new(DevKmsOsImageHashAdded)
	if err := _DevKms.contract.UnpackLog(event, "OsImageHashAdded", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// DevKmsOsImageHashRemovedIterator is returned from FilterOsImageHashRemoved and is used to iterate over the raw logs and unpacked data for OsImageHashRemoved events raised by the DevKms contract.
type DevKmsOsImageHashRemovedIterator struct {
	Event *DevKmsOsImageHashRemoved // Event containing the contract specifics and raw log

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
func (it *DevKmsOsImageHashRemovedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevKmsOsImageHashRemoved)
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
		it.Event = new(DevKmsOsImageHashRemoved)
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
func (it *DevKmsOsImageHashRemovedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevKmsOsImageHashRemovedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevKmsOsImageHashRemoved represents a OsImageHashRemoved event raised by the DevKms contract.
type DevKmsOsImageHashRemoved struct {
	OsImageHash [32]byte
	Raw         types.Log // Blockchain specific contextual infos
}

// FilterOsImageHashRemoved is a free log retrieval operation binding the contract event 0x99b3cee95daf3138d0c982299cd0264f5b7a61aa629b42b92f3ec8966aa7f6fe.
//
// Solidity: event OsImageHashRemoved(bytes32 osImageHash)
func (_DevKms *DevKmsFilterer) FilterOsImageHashRemoved(opts *bind.FilterOpts) (*DevKmsOsImageHashRemovedIterator, error) {

	logs, sub, err := _DevKms.contract.FilterLogs(opts, "OsImageHashRemoved")
	if err != nil {
		return nil, err
	}
	return &DevKmsOsImageHashRemovedIterator{contract: _DevKms.contract, event: "OsImageHashRemoved", logs: logs, sub: sub}, nil
}

// WatchOsImageHashRemoved is a free log subscription operation binding the contract event 0x99b3cee95daf3138d0c982299cd0264f5b7a61aa629b42b92f3ec8966aa7f6fe.
//
// Solidity: event OsImageHashRemoved(bytes32 osImageHash)
func (_DevKms *DevKmsFilterer) WatchOsImageHashRemoved(opts *bind.WatchOpts, sink chan<- *DevKmsOsImageHashRemoved) (event.Subscription, error) {

	logs, sub, err := _DevKms.contract.WatchLogs(opts, "OsImageHashRemoved")
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevKmsOsImageHashRemoved)
				if err := _DevKms.contract.UnpackLog(event, "OsImageHashRemoved", log); err != nil {
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

// ParseOsImageHashRemoved is a log parse operation binding the contract event 0x99b3cee95daf3138d0c982299cd0264f5b7a61aa629b42b92f3ec8966aa7f6fe.
//
// Solidity: event OsImageHashRemoved(bytes32 osImageHash)
func (_DevKms *DevKmsFilterer) ParseOsImageHashRemoved(log types.Log) (*DevKmsOsImageHashRemoved, error) {
	event := new(DevKmsOsImageHashRemoved)
	if err := _DevKms.contract.UnpackLog(event, "OsImageHashRemoved", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// DevproofAppAuthMetaData contains all meta data concerning the DevproofAppAuth contract.
var DevproofAppAuthMetaData = &bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner_\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"delay_\",\"type\":\"uint64\"},{\"internalType\":\"bool\",\"name\":\"requireTcbUpToDate_\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"allowAnyDevice_\",\"type\":\"bool\"},{\"internalType\":\"bytes32\",\"name\":\"initialDeviceId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"initialComposeHash\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"current\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"requested\",\"type\":\"uint64\"}],\"name\":\"DelayCanOnlyGrow\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"}],\"name\":\"NotPending\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"effectiveAt\",\"type\":\"uint64\"}],\"name\":\"NotYetEffective\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"Renounced\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"}],\"name\":\"UnknownChange\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroDelay\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroOwner\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"allowAny\",\"type\":\"bool\"}],\"name\":\"AllowAnyDeviceSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"enumDevproofAppAuth.Kind\",\"name\":\"kind\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"value\",\"type\":\"bytes32\"}],\"name\":\"ChangeActivated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"}],\"name\":\"ChangeCancelled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"enumDevproofAppAuth.Kind\",\"name\":\"kind\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"value\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"effectiveAt\",\"type\":\"uint64\"}],\"name\":\"ChangeProposed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"composeHash\",\"type\":\"bytes32\"}],\"name\":\"ComposeHashAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"composeHash\",\"type\":\"bytes32\"}],\"name\":\"ComposeHashRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"from\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"to\",\"type\":\"uint64\"}],\"name\":\"DelayIncreased\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"}],\"name\":\"DeviceAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"}],\"name\":\"DeviceRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"actor\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"policy\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"value\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"enabled\",\"type\":\"bool\"}],\"name\":\"PolicyChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"requireUpToDate\",\"type\":\"bool\"}],\"name\":\"RequireTcbUpToDateSet\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"}],\"name\":\"activate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"composeHash\",\"type\":\"bytes32\"}],\"name\":\"addComposeHash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"}],\"name\":\"addDevice\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"allowAnyDevice\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"allowedComposeHashes\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"allowedDeviceIds\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"}],\"name\":\"cancel\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"}],\"name\":\"change\",\"outputs\":[{\"components\":[{\"internalType\":\"enumDevproofAppAuth.Kind\",\"name\":\"kind\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"value\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"proposedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"effectiveAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"activatedAt\",\"type\":\"uint64\"},{\"internalType\":\"bool\",\"name\":\"cancelled\",\"type\":\"bool\"}],\"internalType\":\"structDevproofAppAuth.Change\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"changeCount\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"delay\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"newDelay\",\"type\":\"uint64\"}],\"name\":\"increaseDelay\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"appId\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"composeHash\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"instanceId\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"mrAggregated\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"mrSystem\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"osImageHash\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"tcbStatus\",\"type\":\"string\"},{\"internalType\":\"string[]\",\"name\":\"advisoryIds\",\"type\":\"string[]\"}],\"internalType\":\"structIAppAuth.AppBootInfo\",\"name\":\"bootInfo\",\"type\":\"tuple\"}],\"name\":\"isAppAllowed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"isAllowed\",\"type\":\"bool\"},{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"i\",\"type\":\"uint256\"}],\"name\":\"loosenedAt\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"from\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"to\",\"type\":\"uint64\"}],\"name\":\"loosenedBetween\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"loosenedCount\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"nextLooseningAt\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"composeHash\",\"type\":\"bytes32\"}],\"name\":\"proposeComposeHash\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"effectiveAt\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"composeHash\",\"type\":\"bytes32\"}],\"name\":\"removeComposeHash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"}],\"name\":\"removeDevice\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"renounceOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"renounced\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"requireTcbUpToDate\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bool\",\"name\":\"allowAny\",\"type\":\"bool\"}],\"name\":\"setAllowAnyDevice\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bool\",\"name\":\"requireUpToDate\",\"type\":\"bool\"}],\"name\":\"setRequireTcbUpToDate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"id\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"effectiveAt\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	Bin: "0x608060405234801561000f575f5ffd5b50604051611d45380380611d4583398101604081905261002e91610287565b6001600160a01b03861661005557604051639905827b60e01b815260040160405180910390fd5b846001600160401b03165f0361007e57604051631a615ced60e11b815260040160405180910390fd5b5f80546001600160a01b0388167fffffff0000000000000000ff00000000000000000000000000000000000000009091168117600160a81b6001600160401b038916021761ffff60e81b1916600160f01b8715150260ff60e81b191617600160e81b861515021782556040519091907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0908290a38115610193575f8281526002602052604090819020805460ff19166001179055517f67fc71ab96fe3fa3c6f78e9a00e635d591b7333ce611c0380bc577aac702243b906101629084815260200190565b60405180910390a160408051808201909152600681526564657669636560d01b602082015261019390836001610220565b8015610215575f81815260016020818152604092839020805460ff191690921790915590518281527ffecb34306dd9d8b785b54d65489d06afc8822a0893ddacedff40c50a4942d0af910160405180910390a160408051808201909152600c81526b0c6dedae0dee6ca5ad0c2e6d60a31b602082015261021590826001610220565b505050505050610306565b818380519060200120336001600160a01b03167f341d3bc64e32172fc5bcf27b0f7f69dc5adc19af64b7aa1dee361e5883c3237584604051610266911515815260200190565b60405180910390a4505050565b80518015158114610282575f5ffd5b919050565b5f5f5f5f5f5f60c0878903121561029c575f5ffd5b86516001600160a01b03811681146102b2575f5ffd5b60208801519096506001600160401b03811681146102ce575f5ffd5b94506102dc60408801610273565b93506102ea60608801610273565b608088015160a090980151969995985093969395939492505050565b611a32806103135f395ff3fe608060405234801561000f575f5ffd5b50600436106101a1575f3560e01c80636a42b8f8116100f3578063bf8b211b11610093578063dfc772231161006e578063dfc77223146103e5578063f2fde38b146103f8578063f35f64471461040b578063f9cbe24f14610413575f5ffd5b8063bf8b211b14610380578063d232c220146103a2578063dc04e893146103b5575f5ffd5b806375322e47116100ce57806375322e47146103105780637c4beeb8146103305780638da5cb5b14610343578063b260c42a1461036d575f5ffd5b80636a42b8f8146102dc5780636e4c7422146102f5578063715018a614610308575f5ffd5b80632f6622e51161015e57806338ca48581161013957806338ca48581461029157806340e58ee5146102a35780636651a46b146102b657806367b3f22c146102c9575f5ffd5b80632f6622e514610249578063303ab56f1461026b5780633440a16a1461027e575f5ffd5b806301ffc9a7146101a55780630aa58c83146101cd578063123e4019146101e05780631d266200146102005780631e079198146102155780632a81972814610236575b5f5ffd5b6101b86101b3366004611714565b610426565b60405190151581526020015b60405180910390f35b5f546101b890600160f01b900460ff1681565b6101e8610477565b6040516001600160401b0390911681526020016101c4565b61021361020e366004611742565b61052d565b005b610228610223366004611759565b6105ee565b6040516101c4929190611790565b610213610244366004611742565b610761565b6101b8610257366004611742565b60016020525f908152604090205460ff1681565b6102136102793660046117e4565b6107b2565b5f546101b890600160e81b900460ff1681565b6004545b6040519081526020016101c4565b6102136102b1366004611742565b6108e3565b6101b86102c43660046117fd565b610981565b6102136102d7366004611742565b610a6a565b5f546101e890600160a81b90046001600160401b031681565b61021361030336600461182e565b610b29565b610213610bf9565b61032361031e366004611742565b610cae565b6040516101c49190611861565b61021361033e36600461182e565b610daf565b5f54610355906001600160a01b031681565b6040516001600160a01b0390911681526020016101c4565b61021361037b366004611742565b610e72565b6101b861038e366004611742565b60026020525f908152604090205460ff1681565b5f546101b890600160a01b900460ff1681565b6103c86103c3366004611742565b6112cc565b604080519283526001600160401b039091166020830152016101c4565b6102136103f3366004611742565b611323565b6103c86104063660046118ed565b61132c565b600354610295565b6101e8610421366004611742565b6113ab565b5f6301ffc9a760e01b6001600160e01b03198316148061045657506303c0f23360e31b6001600160e01b03198316145b806104715750638fd3752760e01b6001600160e01b03198316145b92915050565b5f8054600160a01b900460ff161561049557506001600160401b0390565b6005545b60035481101561051f575f600382815481106104b7576104b7611913565b5f91825260209091206003909102016002810154909150600160801b90046001600160401b03161580156104f757506002810154600160c01b900460ff16155b156105165760020154600160401b90046001600160401b031692915050565b50600101610499565b506001600160401b03905090565b5f546001600160a01b03163314158061054e57505f546001600160a01b0316155b156105735760405163245aecd360e01b81523360048201526024015b60405180910390fd5b5f8181526002602052604090819020805460ff19169055517fe0862975ac517b0478d308012afabc4bc37c23874a18144d7f2dfb852ff95c2c906105ba9083815260200190565b60405180910390a16105eb6040518060400160405280600681526020016564657669636560d01b815250825f6113ed565b50565b5f8054606090600160f01b900460ff16801561064c57507f8dd11fcce5839087111530125177803569655488ae47b1f980ef0b1a711bf07c61063360e0850185611927565b604051610641929190611970565b604051809103902014155b1561068e57505060408051808201909152601c81527f54434220737461747573206973206e6f7420757020746f20646174650000000060208201525f92909150565b6020808401355f9081526001909152604090205460ff166106e657505060408051808201909152601881527f436f6d706f73652068617368206e6f7420616c6c6f776564000000000000000060208201525f92909150565b5f54600160e81b900460ff16158015610712575060608301355f9081526002602052604090205460ff16155b1561074957505060408051808201909152601281527111195d9a58d9481b9bdd08185b1b1bddd95960721b60208201525f92909150565b505060408051602081019091525f8152600192909150565b5f546001600160a01b03163314158061078257505f546001600160a01b0316155b156107a25760405163245aecd360e01b815233600482015260240161056a565b6107ad600182611440565b505050565b5f546001600160a01b0316331415806107d357505f546001600160a01b0316155b156107f35760405163245aecd360e01b815233600482015260240161056a565b5f546001600160401b03600160a81b909104811690821611610845575f54604051631fad004b60e11b8152600160a81b9091046001600160401b0390811660048301528216602482015260440161056a565b5f54604080516001600160401b03600160a81b9093048316815291831660208301527ffd2a4fcbaad69d396beee3a74efb7ac56e5dd945176bc77be187ac2a62c6c75f910160405180910390a15f805467ffffffffffffffff60a81b1916600160a81b6001600160401b0384169081029190911790915560408051808201909152600581526464656c617960d81b60208201526105eb9160016113ed565b5f546001600160a01b03163314158061090457505f546001600160a01b0316155b156109245760405163245aecd360e01b815233600482015260240161056a565b600161092f826115da565b6002018054911515600160c01b0260ff60c01b19909216919091179055610954611679565b60405181907f5edd520c0103960fbe1e1fc55ae80c123b61704fa2429473cef253e3c90ae27e905f90a250565b6004545f9081905b80821015610a0f575f600261099e8385611993565b6109a891906119a6565b9050856001600160401b0316600482815481106109c7576109c7611913565b5f918252602090912060048204015460039091166008026101000a90046001600160401b03161015610a05576109fe816001611993565b9250610a09565b8091505b50610989565b60045482108015610a615750836001600160401b031660048381548110610a3857610a38611913565b5f918252602090912060048204015460039091166008026101000a90046001600160401b031611155b95945050505050565b5f546001600160a01b031633141580610a8b57505f546001600160a01b0316155b15610aab5760405163245aecd360e01b815233600482015260240161056a565b5f8181526001602052604090819020805460ff19169055517f755b79bd4b0eeab344d032284a99003b2ddc018b646752ac72d681593a6e894790610af29083815260200190565b60405180910390a16105eb6040518060400160405280600c81526020016b0c6dedae0dee6ca5ad0c2e6d60a31b815250825f6113ed565b5f546001600160a01b031633141580610b4a57505f546001600160a01b0316155b15610b6a5760405163245aecd360e01b815233600482015260240161056a565b80610b7a576107ad60035f611440565b5f805460ff60f01b1916600160f01b179055604051600181527fafae60561b2481a349b45b3a47357f70eef6ae67e5b6e1749d74de7f19a25aa19060200160405180910390a1604080518082019091526016815275726571756972652d7463622d75702d746f2d6461746560501b60208201526105eb905f60016113ed565b5f546001600160a01b031633141580610c1a57505f546001600160a01b0316155b15610c3a5760405163245aecd360e01b815233600482015260240161056a565b5f80546040516001600160a01b03909116907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0908390a35f80546001600160a81b031916600160a01b17815560408051808201909152600581526437bbb732b960d91b6020820152610cac91806113ed565b565b6040805160c0810182525f80825260208201819052918101829052606081018290526080810182905260a08101919091526003548210610d045760405163b6f3173b60e01b81526004810183905260240161056a565b60038281548110610d1757610d17611913565b5f91825260209091206040805160c081019091526003909202018054829060ff166004811115610d4957610d4961184d565b6004811115610d5a57610d5a61184d565b8152600182015460208201526002909101546001600160401b038082166040840152600160401b820481166060840152600160801b8204166080830152600160c01b900460ff16151560a09091015292915050565b5f546001600160a01b031633141580610dd057505f546001600160a01b0316155b15610df05760405163245aecd360e01b815233600482015260240161056a565b8015610e01576107ad60025f611440565b5f805460ff60e81b191681556040519081527fbb2cdb6c7b362202d40373f87bc4788301cca658f91711ac1662e1ad2cba4a209060200160405180910390a160408051808201909152601081526f616c6c6f772d616e792d64657669636560801b60208201526105eb905f806113ed565b5f54600160a01b900460ff1615610e9c57604051637649e6b760e01b815260040160405180910390fd5b5f610ea6826115da565b6002810154909150600160401b90046001600160401b0316421015610efb57600281015460405162da0b1b60e51b815260048101849052600160401b9091046001600160401b0316602482015260440161056a565b6002810180546001600160401b03428116600160801b810267ffffffffffffffff60801b1990931692909217909255600480546001810182555f8290529081047f8a35acfbc15ff81a39ae7d344fd709f28e8600b4aa8c65c6b64bfe7fe36bd19b01805460086003909316929092026101000a928302929093021916179055610f82611679565b805460ff166004811115610f9857610f9861184d565b827fff95c11c7ec2e5258f56d67501752577cfe91769ad86fc230c94a892d45297858360010154604051610fce91815260200190565b60405180910390a35f815460ff166004811115610fed57610fed61184d565b0361107e57600181810180545f9081526020838152604091829020805460ff1916909417909355905490519081527ffecb34306dd9d8b785b54d65489d06afc8822a0893ddacedff40c50a4942d0af910160405180910390a161107a6040518060400160405280600c81526020016b0c6dedae0dee6ca5ad0c2e6d60a31b815250826001015460016113ed565b5050565b6001815460ff1660048111156110965761109661184d565b0361112557600181810180545f9081526002602052604090819020805460ff19169093179092555490517f67fc71ab96fe3fa3c6f78e9a00e635d591b7333ce611c0380bc577aac702243b916110ef9190815260200190565b60405180910390a161107a6040518060400160405280600681526020016564657669636560d01b815250826001015460016113ed565b6002815460ff16600481111561113d5761113d61184d565b036111bb575f805460ff60e81b1916600160e81b179055604051600181527fbb2cdb6c7b362202d40373f87bc4788301cca658f91711ac1662e1ad2cba4a209060200160405180910390a160408051808201909152601081526f616c6c6f772d616e792d64657669636560801b602082015261107a905f60016113ed565b6003815460ff1660048111156111d3576111d361184d565b0361124f575f805460ff60f01b191681556040519081527fafae60561b2481a349b45b3a47357f70eef6ae67e5b6e1749d74de7f19a25aa19060200160405180910390a1604080518082019091526016815275726571756972652d7463622d75702d746f2d6461746560501b602082015261107a905f806113ed565b5f805460018301546001600160a01b039081166001600160a01b0319831681178455604051919092169283917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e09190a36107ad6040518060400160405280600581526020016437bbb732b960d91b815250836001015460016113ed565b5f805481906001600160a01b0316331415806112f057505f546001600160a01b0316155b156113105760405163245aecd360e01b815233600482015260240161056a565b61131a5f84611440565b91509150915091565b6107ad816112cc565b5f805481906001600160a01b03163314158061135057505f546001600160a01b0316155b156113705760405163245aecd360e01b815233600482015260240161056a565b6001600160a01b03831661139757604051639905827b60e01b815260040160405180910390fd5b61131a60046001600160a01b038516611440565b5f600482815481106113bf576113bf611913565b905f5260205f2090600491828204019190066008029054906101000a90046001600160401b03169050919050565b818380519060200120336001600160a01b03167f341d3bc64e32172fc5bcf27b0f7f69dc5adc19af64b7aa1dee361e5883c3237584604051611433911515815260200190565b60405180910390a4505050565b5f8054819061145f90600160a81b90046001600160401b0316426119c5565b9050600380549050915060036040518060c001604052808660048111156114885761148861184d565b815260208082018790526001600160401b034281166040840152851660608301525f6080830181905260a090920182905283546001818101865594835291208251600390920201805492939092839160ff19909116908360048111156114f0576114f061184d565b0217905550602082015160018201556040820151600290910180546060840151608085015160a0909501511515600160c01b0260ff60c01b196001600160401b03968716600160801b021668ffffffffffffffffff60801b19928716600160401b026fffffffffffffffffffffffffffffffff1990941696909516959095179190911716919091179190911790558360048111156115905761159061184d565b604080518581526001600160401b038416602082015284917fbe2f01f17a4ca48ae0ba020c3a13dcd3be82bf2634febbaa3dd36ce4c5ed17b8910160405180910390a39250929050565b6003545f9082106116015760405163b6f3173b60e01b81526004810183905260240161056a565b6003828154811061161457611614611913565b5f91825260209091206003909102016002810154909150600160801b90046001600160401b031615158061165357506002810154600160c01b900460ff165b15611674576040516312be5ae960e21b81526004810183905260240161056a565b919050565b6005545b600354811080156116f857506003818154811061169c5761169c611913565b5f918252602090912060039091020160020154600160801b90046001600160401b03161515806116f85750600381815481106116da576116da611913565b905f5260205f20906003020160020160189054906101000a900460ff165b1561170f5780611707816119e4565b91505061167d565b600555565b5f60208284031215611724575f5ffd5b81356001600160e01b03198116811461173b575f5ffd5b9392505050565b5f60208284031215611752575f5ffd5b5035919050565b5f60208284031215611769575f5ffd5b81356001600160401b0381111561177e575f5ffd5b8201610120818503121561173b575f5ffd5b8215158152604060208201525f82518060408401528060208501606085015e5f606082850101526060601f19601f8301168401019150509392505050565b80356001600160401b0381168114611674575f5ffd5b5f602082840312156117f4575f5ffd5b61173b826117ce565b5f5f6040838503121561180e575f5ffd5b611817836117ce565b9150611825602084016117ce565b90509250929050565b5f6020828403121561183e575f5ffd5b8135801515811461173b575f5ffd5b634e487b7160e01b5f52602160045260245ffd5b815160c08201906005811061188457634e487b7160e01b5f52602160045260245ffd5b80835250602083015160208301526001600160401b0360408401511660408301526001600160401b03606084015116606083015260808301516118d260808401826001600160401b03169052565b5060a08301516118e660a084018215159052565b5092915050565b5f602082840312156118fd575f5ffd5b81356001600160a01b038116811461173b575f5ffd5b634e487b7160e01b5f52603260045260245ffd5b5f5f8335601e1984360301811261193c575f5ffd5b8301803591506001600160401b03821115611955575f5ffd5b602001915036819003821315611969575f5ffd5b9250929050565b818382375f9101908152919050565b634e487b7160e01b5f52601160045260245ffd5b808201808211156104715761047161197f565b5f826119c057634e487b7160e01b5f52601260045260245ffd5b500490565b6001600160401b0381811683821601908111156104715761047161197f565b5f600182016119f5576119f561197f565b506001019056fea2646970667358221220446d68daeee10ec3c9f8b7aac7c2c3b8bdcf272fdab3efb6d86691076755567d64736f6c634300081c0033",
}

// DevproofAppAuthABI is the input ABI used to generate the binding from.
// Deprecated: Use DevproofAppAuthMetaData.ABI instead.
var DevproofAppAuthABI = DevproofAppAuthMetaData.ABI

// DevproofAppAuthBin is the compiled bytecode used for deploying new contracts.
// Deprecated: Use DevproofAppAuthMetaData.Bin instead.
var DevproofAppAuthBin = DevproofAppAuthMetaData.Bin

// DeployDevproofAppAuth deploys a new Ethereum contract, binding an instance of DevproofAppAuth to it.
func DeployDevproofAppAuth(auth *bind.TransactOpts, backend bind.ContractBackend, owner_ common.Address, delay_ uint64, requireTcbUpToDate_ bool, allowAnyDevice_ bool, initialDeviceId [32]byte, initialComposeHash [32]byte) (common.Address, *types.Transaction, *DevproofAppAuth, error) {
	parsed, err := DevproofAppAuthMetaData.GetAbi()
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	if parsed == nil {
		return common.Address{}, nil, nil, errors.New("GetABI returned nil")
	}

	address, tx, contract, err := bind.DeployContract(auth, *parsed, common.FromHex(DevproofAppAuthBin), backend, owner_, delay_, requireTcbUpToDate_, allowAnyDevice_, initialDeviceId, initialComposeHash)
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	return address, tx, &DevproofAppAuth{DevproofAppAuthCaller: DevproofAppAuthCaller{contract: contract}, DevproofAppAuthTransactor: DevproofAppAuthTransactor{contract: contract}, DevproofAppAuthFilterer: DevproofAppAuthFilterer{contract: contract}}, nil
}

// DevproofAppAuth is an auto generated Go binding around an Ethereum contract.
type DevproofAppAuth struct {
	DevproofAppAuthCaller     // Read-only binding to the contract
	DevproofAppAuthTransactor // Write-only binding to the contract
	DevproofAppAuthFilterer   // Log filterer for contract events
}

// DevproofAppAuthCaller is an auto generated read-only Go binding around an Ethereum contract.
type DevproofAppAuthCaller struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// DevproofAppAuthTransactor is an auto generated write-only Go binding around an Ethereum contract.
type DevproofAppAuthTransactor struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// DevproofAppAuthFilterer is an auto generated log filtering Go binding around an Ethereum contract events.
type DevproofAppAuthFilterer struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// DevproofAppAuthSession is an auto generated Go binding around an Ethereum contract,
// with pre-set call and transact options.
type DevproofAppAuthSession struct {
	Contract     *DevproofAppAuth  // Generic contract binding to set the session for
	CallOpts     bind.CallOpts     // Call options to use throughout this session
	TransactOpts bind.TransactOpts // Transaction auth options to use throughout this session
}

// DevproofAppAuthCallerSession is an auto generated read-only Go binding around an Ethereum contract,
// with pre-set call options.
type DevproofAppAuthCallerSession struct {
	Contract *DevproofAppAuthCaller // Generic contract caller binding to set the session for
	CallOpts bind.CallOpts          // Call options to use throughout this session
}

// DevproofAppAuthTransactorSession is an auto generated write-only Go binding around an Ethereum contract,
// with pre-set transact options.
type DevproofAppAuthTransactorSession struct {
	Contract     *DevproofAppAuthTransactor // Generic contract transactor binding to set the session for
	TransactOpts bind.TransactOpts          // Transaction auth options to use throughout this session
}

// DevproofAppAuthRaw is an auto generated low-level Go binding around an Ethereum contract.
type DevproofAppAuthRaw struct {
	Contract *DevproofAppAuth // Generic contract binding to access the raw methods on
}

// DevproofAppAuthCallerRaw is an auto generated low-level read-only Go binding around an Ethereum contract.
type DevproofAppAuthCallerRaw struct {
	Contract *DevproofAppAuthCaller // Generic read-only contract binding to access the raw methods on
}

// DevproofAppAuthTransactorRaw is an auto generated low-level write-only Go binding around an Ethereum contract.
type DevproofAppAuthTransactorRaw struct {
	Contract *DevproofAppAuthTransactor // Generic write-only contract binding to access the raw methods on
}

// NewDevproofAppAuth creates a new instance of DevproofAppAuth, bound to a specific deployed contract.
func NewDevproofAppAuth(address common.Address, backend bind.ContractBackend) (*DevproofAppAuth, error) {
	contract, err := bindDevproofAppAuth(address, backend, backend, backend)
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuth{DevproofAppAuthCaller: DevproofAppAuthCaller{contract: contract}, DevproofAppAuthTransactor: DevproofAppAuthTransactor{contract: contract}, DevproofAppAuthFilterer: DevproofAppAuthFilterer{contract: contract}}, nil
}

// NewDevproofAppAuthCaller creates a new read-only instance of DevproofAppAuth, bound to a specific deployed contract.
func NewDevproofAppAuthCaller(address common.Address, caller bind.ContractCaller) (*DevproofAppAuthCaller, error) {
	contract, err := bindDevproofAppAuth(address, caller, nil, nil)
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuthCaller{contract: contract}, nil
}

// NewDevproofAppAuthTransactor creates a new write-only instance of DevproofAppAuth, bound to a specific deployed contract.
func NewDevproofAppAuthTransactor(address common.Address, transactor bind.ContractTransactor) (*DevproofAppAuthTransactor, error) {
	contract, err := bindDevproofAppAuth(address, nil, transactor, nil)
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuthTransactor{contract: contract}, nil
}

// NewDevproofAppAuthFilterer creates a new log filterer instance of DevproofAppAuth, bound to a specific deployed contract.
func NewDevproofAppAuthFilterer(address common.Address, filterer bind.ContractFilterer) (*DevproofAppAuthFilterer, error) {
	contract, err := bindDevproofAppAuth(address, nil, nil, filterer)
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuthFilterer{contract: contract}, nil
}

// bindDevproofAppAuth binds a generic wrapper to an already deployed contract.
func bindDevproofAppAuth(address common.Address, caller bind.ContractCaller, transactor bind.ContractTransactor, filterer bind.ContractFilterer) (*bind.BoundContract, error) {
	parsed, err := DevproofAppAuthMetaData.GetAbi()
	if err != nil {
		return nil, err
	}
	return bind.NewBoundContract(address, *parsed, caller, transactor, filterer), nil
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_DevproofAppAuth *DevproofAppAuthRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _DevproofAppAuth.Contract.DevproofAppAuthCaller.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_DevproofAppAuth *DevproofAppAuthRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.DevproofAppAuthTransactor.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_DevproofAppAuth *DevproofAppAuthRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.DevproofAppAuthTransactor.contract.Transact(opts, method, params...)
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_DevproofAppAuth *DevproofAppAuthCallerRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _DevproofAppAuth.Contract.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_DevproofAppAuth *DevproofAppAuthTransactorRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_DevproofAppAuth *DevproofAppAuthTransactorRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.contract.Transact(opts, method, params...)
}

// AllowAnyDevice is a free data retrieval call binding the contract method 0x3440a16a.
//
// Solidity: function allowAnyDevice() view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthCaller) AllowAnyDevice(opts *bind.CallOpts) (bool, error) {
	var out []interface{}
	err := _DevproofAppAuth.contract.Call(opts, &out, "allowAnyDevice")

	if err != nil {
		return *new(bool), err
	}

	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)

	return out0, err

}

// AllowAnyDevice is a free data retrieval call binding the contract method 0x3440a16a.
//
// Solidity: function allowAnyDevice() view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthSession) AllowAnyDevice() (bool, error) {
	return _DevproofAppAuth.Contract.AllowAnyDevice(&_DevproofAppAuth.CallOpts)
}

// AllowAnyDevice is a free data retrieval call binding the contract method 0x3440a16a.
//
// Solidity: function allowAnyDevice() view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthCallerSession) AllowAnyDevice() (bool, error) {
	return _DevproofAppAuth.Contract.AllowAnyDevice(&_DevproofAppAuth.CallOpts)
}

// AllowedComposeHashes is a free data retrieval call binding the contract method 0x2f6622e5.
//
// Solidity: function allowedComposeHashes(bytes32 ) view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthCaller) AllowedComposeHashes(opts *bind.CallOpts, arg0 [32]byte) (bool, error) {
	var out []interface{}
	err := _DevproofAppAuth.contract.Call(opts, &out, "allowedComposeHashes", arg0)

	if err != nil {
		return *new(bool), err
	}

	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)

	return out0, err

}

// AllowedComposeHashes is a free data retrieval call binding the contract method 0x2f6622e5.
//
// Solidity: function allowedComposeHashes(bytes32 ) view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthSession) AllowedComposeHashes(arg0 [32]byte) (bool, error) {
	return _DevproofAppAuth.Contract.AllowedComposeHashes(&_DevproofAppAuth.CallOpts, arg0)
}

// AllowedComposeHashes is a free data retrieval call binding the contract method 0x2f6622e5.
//
// Solidity: function allowedComposeHashes(bytes32 ) view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthCallerSession) AllowedComposeHashes(arg0 [32]byte) (bool, error) {
	return _DevproofAppAuth.Contract.AllowedComposeHashes(&_DevproofAppAuth.CallOpts, arg0)
}

// AllowedDeviceIds is a free data retrieval call binding the contract method 0xbf8b211b.
//
// Solidity: function allowedDeviceIds(bytes32 ) view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthCaller) AllowedDeviceIds(opts *bind.CallOpts, arg0 [32]byte) (bool, error) {
	var out []interface{}
	err := _DevproofAppAuth.contract.Call(opts, &out, "allowedDeviceIds", arg0)

	if err != nil {
		return *new(bool), err
	}

	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)

	return out0, err

}

// AllowedDeviceIds is a free data retrieval call binding the contract method 0xbf8b211b.
//
// Solidity: function allowedDeviceIds(bytes32 ) view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthSession) AllowedDeviceIds(arg0 [32]byte) (bool, error) {
	return _DevproofAppAuth.Contract.AllowedDeviceIds(&_DevproofAppAuth.CallOpts, arg0)
}

// AllowedDeviceIds is a free data retrieval call binding the contract method 0xbf8b211b.
//
// Solidity: function allowedDeviceIds(bytes32 ) view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthCallerSession) AllowedDeviceIds(arg0 [32]byte) (bool, error) {
	return _DevproofAppAuth.Contract.AllowedDeviceIds(&_DevproofAppAuth.CallOpts, arg0)
}

// Change is a free data retrieval call binding the contract method 0x75322e47.
//
// Solidity: function change(uint256 id) view returns((uint8,bytes32,uint64,uint64,uint64,bool))
func (_DevproofAppAuth *DevproofAppAuthCaller) Change(opts *bind.CallOpts, id *big.Int) (DevproofAppAuthChange, error) {
	var out []interface{}
	err := _DevproofAppAuth.contract.Call(opts, &out, "change", id)

	if err != nil {
		return *new(DevproofAppAuthChange), err
	}

	out0 := *abi.ConvertType(out[0], new(DevproofAppAuthChange)).(*DevproofAppAuthChange)

	return out0, err

}

// Change is a free data retrieval call binding the contract method 0x75322e47.
//
// Solidity: function change(uint256 id) view returns((uint8,bytes32,uint64,uint64,uint64,bool))
func (_DevproofAppAuth *DevproofAppAuthSession) Change(id *big.Int) (DevproofAppAuthChange, error) {
	return _DevproofAppAuth.Contract.Change(&_DevproofAppAuth.CallOpts, id)
}

// Change is a free data retrieval call binding the contract method 0x75322e47.
//
// Solidity: function change(uint256 id) view returns((uint8,bytes32,uint64,uint64,uint64,bool))
func (_DevproofAppAuth *DevproofAppAuthCallerSession) Change(id *big.Int) (DevproofAppAuthChange, error) {
	return _DevproofAppAuth.Contract.Change(&_DevproofAppAuth.CallOpts, id)
}

// ChangeCount is a free data retrieval call binding the contract method 0xf35f6447.
//
// Solidity: function changeCount() view returns(uint256)
func (_DevproofAppAuth *DevproofAppAuthCaller) ChangeCount(opts *bind.CallOpts) (*big.Int, error) {
	var out []interface{}
	err := _DevproofAppAuth.contract.Call(opts, &out, "changeCount")

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// ChangeCount is a free data retrieval call binding the contract method 0xf35f6447.
//
// Solidity: function changeCount() view returns(uint256)
func (_DevproofAppAuth *DevproofAppAuthSession) ChangeCount() (*big.Int, error) {
	return _DevproofAppAuth.Contract.ChangeCount(&_DevproofAppAuth.CallOpts)
}

// ChangeCount is a free data retrieval call binding the contract method 0xf35f6447.
//
// Solidity: function changeCount() view returns(uint256)
func (_DevproofAppAuth *DevproofAppAuthCallerSession) ChangeCount() (*big.Int, error) {
	return _DevproofAppAuth.Contract.ChangeCount(&_DevproofAppAuth.CallOpts)
}

// Delay is a free data retrieval call binding the contract method 0x6a42b8f8.
//
// Solidity: function delay() view returns(uint64)
func (_DevproofAppAuth *DevproofAppAuthCaller) Delay(opts *bind.CallOpts) (uint64, error) {
	var out []interface{}
	err := _DevproofAppAuth.contract.Call(opts, &out, "delay")

	if err != nil {
		return *new(uint64), err
	}

	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)

	return out0, err

}

// Delay is a free data retrieval call binding the contract method 0x6a42b8f8.
//
// Solidity: function delay() view returns(uint64)
func (_DevproofAppAuth *DevproofAppAuthSession) Delay() (uint64, error) {
	return _DevproofAppAuth.Contract.Delay(&_DevproofAppAuth.CallOpts)
}

// Delay is a free data retrieval call binding the contract method 0x6a42b8f8.
//
// Solidity: function delay() view returns(uint64)
func (_DevproofAppAuth *DevproofAppAuthCallerSession) Delay() (uint64, error) {
	return _DevproofAppAuth.Contract.Delay(&_DevproofAppAuth.CallOpts)
}

// IsAppAllowed is a free data retrieval call binding the contract method 0x1e079198.
//
// Solidity: function isAppAllowed((address,bytes32,address,bytes32,bytes32,bytes32,bytes32,string,string[]) bootInfo) view returns(bool isAllowed, string reason)
func (_DevproofAppAuth *DevproofAppAuthCaller) IsAppAllowed(opts *bind.CallOpts, bootInfo IAppAuthAppBootInfo) (struct {
	IsAllowed bool
	Reason    string
}, error) {
	var out []interface{}
	err := _DevproofAppAuth.contract.Call(opts, &out, "isAppAllowed", bootInfo)

	outstruct := new(struct {
		IsAllowed bool
		Reason    string
	})
	if err != nil {
		return *outstruct, err
	}

	outstruct.IsAllowed = *abi.ConvertType(out[0], new(bool)).(*bool)
	outstruct.Reason = *abi.ConvertType(out[1], new(string)).(*string)

	return *outstruct, err

}

// IsAppAllowed is a free data retrieval call binding the contract method 0x1e079198.
//
// Solidity: function isAppAllowed((address,bytes32,address,bytes32,bytes32,bytes32,bytes32,string,string[]) bootInfo) view returns(bool isAllowed, string reason)
func (_DevproofAppAuth *DevproofAppAuthSession) IsAppAllowed(bootInfo IAppAuthAppBootInfo) (struct {
	IsAllowed bool
	Reason    string
}, error) {
	return _DevproofAppAuth.Contract.IsAppAllowed(&_DevproofAppAuth.CallOpts, bootInfo)
}

// IsAppAllowed is a free data retrieval call binding the contract method 0x1e079198.
//
// Solidity: function isAppAllowed((address,bytes32,address,bytes32,bytes32,bytes32,bytes32,string,string[]) bootInfo) view returns(bool isAllowed, string reason)
func (_DevproofAppAuth *DevproofAppAuthCallerSession) IsAppAllowed(bootInfo IAppAuthAppBootInfo) (struct {
	IsAllowed bool
	Reason    string
}, error) {
	return _DevproofAppAuth.Contract.IsAppAllowed(&_DevproofAppAuth.CallOpts, bootInfo)
}

// LoosenedAt is a free data retrieval call binding the contract method 0xf9cbe24f.
//
// Solidity: function loosenedAt(uint256 i) view returns(uint64)
func (_DevproofAppAuth *DevproofAppAuthCaller) LoosenedAt(opts *bind.CallOpts, i *big.Int) (uint64, error) {
	var out []interface{}
	err := _DevproofAppAuth.contract.Call(opts, &out, "loosenedAt", i)

	if err != nil {
		return *new(uint64), err
	}

	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)

	return out0, err

}

// LoosenedAt is a free data retrieval call binding the contract method 0xf9cbe24f.
//
// Solidity: function loosenedAt(uint256 i) view returns(uint64)
func (_DevproofAppAuth *DevproofAppAuthSession) LoosenedAt(i *big.Int) (uint64, error) {
	return _DevproofAppAuth.Contract.LoosenedAt(&_DevproofAppAuth.CallOpts, i)
}

// LoosenedAt is a free data retrieval call binding the contract method 0xf9cbe24f.
//
// Solidity: function loosenedAt(uint256 i) view returns(uint64)
func (_DevproofAppAuth *DevproofAppAuthCallerSession) LoosenedAt(i *big.Int) (uint64, error) {
	return _DevproofAppAuth.Contract.LoosenedAt(&_DevproofAppAuth.CallOpts, i)
}

// LoosenedBetween is a free data retrieval call binding the contract method 0x6651a46b.
//
// Solidity: function loosenedBetween(uint64 from, uint64 to) view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthCaller) LoosenedBetween(opts *bind.CallOpts, from uint64, to uint64) (bool, error) {
	var out []interface{}
	err := _DevproofAppAuth.contract.Call(opts, &out, "loosenedBetween", from, to)

	if err != nil {
		return *new(bool), err
	}

	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)

	return out0, err

}

// LoosenedBetween is a free data retrieval call binding the contract method 0x6651a46b.
//
// Solidity: function loosenedBetween(uint64 from, uint64 to) view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthSession) LoosenedBetween(from uint64, to uint64) (bool, error) {
	return _DevproofAppAuth.Contract.LoosenedBetween(&_DevproofAppAuth.CallOpts, from, to)
}

// LoosenedBetween is a free data retrieval call binding the contract method 0x6651a46b.
//
// Solidity: function loosenedBetween(uint64 from, uint64 to) view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthCallerSession) LoosenedBetween(from uint64, to uint64) (bool, error) {
	return _DevproofAppAuth.Contract.LoosenedBetween(&_DevproofAppAuth.CallOpts, from, to)
}

// LoosenedCount is a free data retrieval call binding the contract method 0x38ca4858.
//
// Solidity: function loosenedCount() view returns(uint256)
func (_DevproofAppAuth *DevproofAppAuthCaller) LoosenedCount(opts *bind.CallOpts) (*big.Int, error) {
	var out []interface{}
	err := _DevproofAppAuth.contract.Call(opts, &out, "loosenedCount")

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// LoosenedCount is a free data retrieval call binding the contract method 0x38ca4858.
//
// Solidity: function loosenedCount() view returns(uint256)
func (_DevproofAppAuth *DevproofAppAuthSession) LoosenedCount() (*big.Int, error) {
	return _DevproofAppAuth.Contract.LoosenedCount(&_DevproofAppAuth.CallOpts)
}

// LoosenedCount is a free data retrieval call binding the contract method 0x38ca4858.
//
// Solidity: function loosenedCount() view returns(uint256)
func (_DevproofAppAuth *DevproofAppAuthCallerSession) LoosenedCount() (*big.Int, error) {
	return _DevproofAppAuth.Contract.LoosenedCount(&_DevproofAppAuth.CallOpts)
}

// NextLooseningAt is a free data retrieval call binding the contract method 0x123e4019.
//
// Solidity: function nextLooseningAt() view returns(uint64)
func (_DevproofAppAuth *DevproofAppAuthCaller) NextLooseningAt(opts *bind.CallOpts) (uint64, error) {
	var out []interface{}
	err := _DevproofAppAuth.contract.Call(opts, &out, "nextLooseningAt")

	if err != nil {
		return *new(uint64), err
	}

	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)

	return out0, err

}

// NextLooseningAt is a free data retrieval call binding the contract method 0x123e4019.
//
// Solidity: function nextLooseningAt() view returns(uint64)
func (_DevproofAppAuth *DevproofAppAuthSession) NextLooseningAt() (uint64, error) {
	return _DevproofAppAuth.Contract.NextLooseningAt(&_DevproofAppAuth.CallOpts)
}

// NextLooseningAt is a free data retrieval call binding the contract method 0x123e4019.
//
// Solidity: function nextLooseningAt() view returns(uint64)
func (_DevproofAppAuth *DevproofAppAuthCallerSession) NextLooseningAt() (uint64, error) {
	return _DevproofAppAuth.Contract.NextLooseningAt(&_DevproofAppAuth.CallOpts)
}

// Owner is a free data retrieval call binding the contract method 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (_DevproofAppAuth *DevproofAppAuthCaller) Owner(opts *bind.CallOpts) (common.Address, error) {
	var out []interface{}
	err := _DevproofAppAuth.contract.Call(opts, &out, "owner")

	if err != nil {
		return *new(common.Address), err
	}

	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)

	return out0, err

}

// Owner is a free data retrieval call binding the contract method 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (_DevproofAppAuth *DevproofAppAuthSession) Owner() (common.Address, error) {
	return _DevproofAppAuth.Contract.Owner(&_DevproofAppAuth.CallOpts)
}

// Owner is a free data retrieval call binding the contract method 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (_DevproofAppAuth *DevproofAppAuthCallerSession) Owner() (common.Address, error) {
	return _DevproofAppAuth.Contract.Owner(&_DevproofAppAuth.CallOpts)
}

// Renounced is a free data retrieval call binding the contract method 0xd232c220.
//
// Solidity: function renounced() view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthCaller) Renounced(opts *bind.CallOpts) (bool, error) {
	var out []interface{}
	err := _DevproofAppAuth.contract.Call(opts, &out, "renounced")

	if err != nil {
		return *new(bool), err
	}

	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)

	return out0, err

}

// Renounced is a free data retrieval call binding the contract method 0xd232c220.
//
// Solidity: function renounced() view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthSession) Renounced() (bool, error) {
	return _DevproofAppAuth.Contract.Renounced(&_DevproofAppAuth.CallOpts)
}

// Renounced is a free data retrieval call binding the contract method 0xd232c220.
//
// Solidity: function renounced() view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthCallerSession) Renounced() (bool, error) {
	return _DevproofAppAuth.Contract.Renounced(&_DevproofAppAuth.CallOpts)
}

// RequireTcbUpToDate is a free data retrieval call binding the contract method 0x0aa58c83.
//
// Solidity: function requireTcbUpToDate() view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthCaller) RequireTcbUpToDate(opts *bind.CallOpts) (bool, error) {
	var out []interface{}
	err := _DevproofAppAuth.contract.Call(opts, &out, "requireTcbUpToDate")

	if err != nil {
		return *new(bool), err
	}

	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)

	return out0, err

}

// RequireTcbUpToDate is a free data retrieval call binding the contract method 0x0aa58c83.
//
// Solidity: function requireTcbUpToDate() view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthSession) RequireTcbUpToDate() (bool, error) {
	return _DevproofAppAuth.Contract.RequireTcbUpToDate(&_DevproofAppAuth.CallOpts)
}

// RequireTcbUpToDate is a free data retrieval call binding the contract method 0x0aa58c83.
//
// Solidity: function requireTcbUpToDate() view returns(bool)
func (_DevproofAppAuth *DevproofAppAuthCallerSession) RequireTcbUpToDate() (bool, error) {
	return _DevproofAppAuth.Contract.RequireTcbUpToDate(&_DevproofAppAuth.CallOpts)
}

// SupportsInterface is a free data retrieval call binding the contract method 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) pure returns(bool)
func (_DevproofAppAuth *DevproofAppAuthCaller) SupportsInterface(opts *bind.CallOpts, interfaceId [4]byte) (bool, error) {
	var out []interface{}
	err := _DevproofAppAuth.contract.Call(opts, &out, "supportsInterface", interfaceId)

	if err != nil {
		return *new(bool), err
	}

	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)

	return out0, err

}

// SupportsInterface is a free data retrieval call binding the contract method 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) pure returns(bool)
func (_DevproofAppAuth *DevproofAppAuthSession) SupportsInterface(interfaceId [4]byte) (bool, error) {
	return _DevproofAppAuth.Contract.SupportsInterface(&_DevproofAppAuth.CallOpts, interfaceId)
}

// SupportsInterface is a free data retrieval call binding the contract method 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) pure returns(bool)
func (_DevproofAppAuth *DevproofAppAuthCallerSession) SupportsInterface(interfaceId [4]byte) (bool, error) {
	return _DevproofAppAuth.Contract.SupportsInterface(&_DevproofAppAuth.CallOpts, interfaceId)
}

// Activate is a paid mutator transaction binding the contract method 0xb260c42a.
//
// Solidity: function activate(uint256 id) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactor) Activate(opts *bind.TransactOpts, id *big.Int) (*types.Transaction, error) {
	return _DevproofAppAuth.contract.Transact(opts, "activate", id)
}

// Activate is a paid mutator transaction binding the contract method 0xb260c42a.
//
// Solidity: function activate(uint256 id) returns()
func (_DevproofAppAuth *DevproofAppAuthSession) Activate(id *big.Int) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.Activate(&_DevproofAppAuth.TransactOpts, id)
}

// Activate is a paid mutator transaction binding the contract method 0xb260c42a.
//
// Solidity: function activate(uint256 id) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactorSession) Activate(id *big.Int) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.Activate(&_DevproofAppAuth.TransactOpts, id)
}

// AddComposeHash is a paid mutator transaction binding the contract method 0xdfc77223.
//
// Solidity: function addComposeHash(bytes32 composeHash) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactor) AddComposeHash(opts *bind.TransactOpts, composeHash [32]byte) (*types.Transaction, error) {
	return _DevproofAppAuth.contract.Transact(opts, "addComposeHash", composeHash)
}

// AddComposeHash is a paid mutator transaction binding the contract method 0xdfc77223.
//
// Solidity: function addComposeHash(bytes32 composeHash) returns()
func (_DevproofAppAuth *DevproofAppAuthSession) AddComposeHash(composeHash [32]byte) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.AddComposeHash(&_DevproofAppAuth.TransactOpts, composeHash)
}

// AddComposeHash is a paid mutator transaction binding the contract method 0xdfc77223.
//
// Solidity: function addComposeHash(bytes32 composeHash) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactorSession) AddComposeHash(composeHash [32]byte) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.AddComposeHash(&_DevproofAppAuth.TransactOpts, composeHash)
}

// AddDevice is a paid mutator transaction binding the contract method 0x2a819728.
//
// Solidity: function addDevice(bytes32 deviceId) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactor) AddDevice(opts *bind.TransactOpts, deviceId [32]byte) (*types.Transaction, error) {
	return _DevproofAppAuth.contract.Transact(opts, "addDevice", deviceId)
}

// AddDevice is a paid mutator transaction binding the contract method 0x2a819728.
//
// Solidity: function addDevice(bytes32 deviceId) returns()
func (_DevproofAppAuth *DevproofAppAuthSession) AddDevice(deviceId [32]byte) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.AddDevice(&_DevproofAppAuth.TransactOpts, deviceId)
}

// AddDevice is a paid mutator transaction binding the contract method 0x2a819728.
//
// Solidity: function addDevice(bytes32 deviceId) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactorSession) AddDevice(deviceId [32]byte) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.AddDevice(&_DevproofAppAuth.TransactOpts, deviceId)
}

// Cancel is a paid mutator transaction binding the contract method 0x40e58ee5.
//
// Solidity: function cancel(uint256 id) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactor) Cancel(opts *bind.TransactOpts, id *big.Int) (*types.Transaction, error) {
	return _DevproofAppAuth.contract.Transact(opts, "cancel", id)
}

// Cancel is a paid mutator transaction binding the contract method 0x40e58ee5.
//
// Solidity: function cancel(uint256 id) returns()
func (_DevproofAppAuth *DevproofAppAuthSession) Cancel(id *big.Int) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.Cancel(&_DevproofAppAuth.TransactOpts, id)
}

// Cancel is a paid mutator transaction binding the contract method 0x40e58ee5.
//
// Solidity: function cancel(uint256 id) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactorSession) Cancel(id *big.Int) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.Cancel(&_DevproofAppAuth.TransactOpts, id)
}

// IncreaseDelay is a paid mutator transaction binding the contract method 0x303ab56f.
//
// Solidity: function increaseDelay(uint64 newDelay) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactor) IncreaseDelay(opts *bind.TransactOpts, newDelay uint64) (*types.Transaction, error) {
	return _DevproofAppAuth.contract.Transact(opts, "increaseDelay", newDelay)
}

// IncreaseDelay is a paid mutator transaction binding the contract method 0x303ab56f.
//
// Solidity: function increaseDelay(uint64 newDelay) returns()
func (_DevproofAppAuth *DevproofAppAuthSession) IncreaseDelay(newDelay uint64) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.IncreaseDelay(&_DevproofAppAuth.TransactOpts, newDelay)
}

// IncreaseDelay is a paid mutator transaction binding the contract method 0x303ab56f.
//
// Solidity: function increaseDelay(uint64 newDelay) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactorSession) IncreaseDelay(newDelay uint64) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.IncreaseDelay(&_DevproofAppAuth.TransactOpts, newDelay)
}

// ProposeComposeHash is a paid mutator transaction binding the contract method 0xdc04e893.
//
// Solidity: function proposeComposeHash(bytes32 composeHash) returns(uint256 id, uint64 effectiveAt)
func (_DevproofAppAuth *DevproofAppAuthTransactor) ProposeComposeHash(opts *bind.TransactOpts, composeHash [32]byte) (*types.Transaction, error) {
	return _DevproofAppAuth.contract.Transact(opts, "proposeComposeHash", composeHash)
}

// ProposeComposeHash is a paid mutator transaction binding the contract method 0xdc04e893.
//
// Solidity: function proposeComposeHash(bytes32 composeHash) returns(uint256 id, uint64 effectiveAt)
func (_DevproofAppAuth *DevproofAppAuthSession) ProposeComposeHash(composeHash [32]byte) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.ProposeComposeHash(&_DevproofAppAuth.TransactOpts, composeHash)
}

// ProposeComposeHash is a paid mutator transaction binding the contract method 0xdc04e893.
//
// Solidity: function proposeComposeHash(bytes32 composeHash) returns(uint256 id, uint64 effectiveAt)
func (_DevproofAppAuth *DevproofAppAuthTransactorSession) ProposeComposeHash(composeHash [32]byte) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.ProposeComposeHash(&_DevproofAppAuth.TransactOpts, composeHash)
}

// RemoveComposeHash is a paid mutator transaction binding the contract method 0x67b3f22c.
//
// Solidity: function removeComposeHash(bytes32 composeHash) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactor) RemoveComposeHash(opts *bind.TransactOpts, composeHash [32]byte) (*types.Transaction, error) {
	return _DevproofAppAuth.contract.Transact(opts, "removeComposeHash", composeHash)
}

// RemoveComposeHash is a paid mutator transaction binding the contract method 0x67b3f22c.
//
// Solidity: function removeComposeHash(bytes32 composeHash) returns()
func (_DevproofAppAuth *DevproofAppAuthSession) RemoveComposeHash(composeHash [32]byte) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.RemoveComposeHash(&_DevproofAppAuth.TransactOpts, composeHash)
}

// RemoveComposeHash is a paid mutator transaction binding the contract method 0x67b3f22c.
//
// Solidity: function removeComposeHash(bytes32 composeHash) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactorSession) RemoveComposeHash(composeHash [32]byte) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.RemoveComposeHash(&_DevproofAppAuth.TransactOpts, composeHash)
}

// RemoveDevice is a paid mutator transaction binding the contract method 0x1d266200.
//
// Solidity: function removeDevice(bytes32 deviceId) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactor) RemoveDevice(opts *bind.TransactOpts, deviceId [32]byte) (*types.Transaction, error) {
	return _DevproofAppAuth.contract.Transact(opts, "removeDevice", deviceId)
}

// RemoveDevice is a paid mutator transaction binding the contract method 0x1d266200.
//
// Solidity: function removeDevice(bytes32 deviceId) returns()
func (_DevproofAppAuth *DevproofAppAuthSession) RemoveDevice(deviceId [32]byte) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.RemoveDevice(&_DevproofAppAuth.TransactOpts, deviceId)
}

// RemoveDevice is a paid mutator transaction binding the contract method 0x1d266200.
//
// Solidity: function removeDevice(bytes32 deviceId) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactorSession) RemoveDevice(deviceId [32]byte) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.RemoveDevice(&_DevproofAppAuth.TransactOpts, deviceId)
}

// RenounceOwnership is a paid mutator transaction binding the contract method 0x715018a6.
//
// Solidity: function renounceOwnership() returns()
func (_DevproofAppAuth *DevproofAppAuthTransactor) RenounceOwnership(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _DevproofAppAuth.contract.Transact(opts, "renounceOwnership")
}

// RenounceOwnership is a paid mutator transaction binding the contract method 0x715018a6.
//
// Solidity: function renounceOwnership() returns()
func (_DevproofAppAuth *DevproofAppAuthSession) RenounceOwnership() (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.RenounceOwnership(&_DevproofAppAuth.TransactOpts)
}

// RenounceOwnership is a paid mutator transaction binding the contract method 0x715018a6.
//
// Solidity: function renounceOwnership() returns()
func (_DevproofAppAuth *DevproofAppAuthTransactorSession) RenounceOwnership() (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.RenounceOwnership(&_DevproofAppAuth.TransactOpts)
}

// SetAllowAnyDevice is a paid mutator transaction binding the contract method 0x7c4beeb8.
//
// Solidity: function setAllowAnyDevice(bool allowAny) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactor) SetAllowAnyDevice(opts *bind.TransactOpts, allowAny bool) (*types.Transaction, error) {
	return _DevproofAppAuth.contract.Transact(opts, "setAllowAnyDevice", allowAny)
}

// SetAllowAnyDevice is a paid mutator transaction binding the contract method 0x7c4beeb8.
//
// Solidity: function setAllowAnyDevice(bool allowAny) returns()
func (_DevproofAppAuth *DevproofAppAuthSession) SetAllowAnyDevice(allowAny bool) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.SetAllowAnyDevice(&_DevproofAppAuth.TransactOpts, allowAny)
}

// SetAllowAnyDevice is a paid mutator transaction binding the contract method 0x7c4beeb8.
//
// Solidity: function setAllowAnyDevice(bool allowAny) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactorSession) SetAllowAnyDevice(allowAny bool) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.SetAllowAnyDevice(&_DevproofAppAuth.TransactOpts, allowAny)
}

// SetRequireTcbUpToDate is a paid mutator transaction binding the contract method 0x6e4c7422.
//
// Solidity: function setRequireTcbUpToDate(bool requireUpToDate) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactor) SetRequireTcbUpToDate(opts *bind.TransactOpts, requireUpToDate bool) (*types.Transaction, error) {
	return _DevproofAppAuth.contract.Transact(opts, "setRequireTcbUpToDate", requireUpToDate)
}

// SetRequireTcbUpToDate is a paid mutator transaction binding the contract method 0x6e4c7422.
//
// Solidity: function setRequireTcbUpToDate(bool requireUpToDate) returns()
func (_DevproofAppAuth *DevproofAppAuthSession) SetRequireTcbUpToDate(requireUpToDate bool) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.SetRequireTcbUpToDate(&_DevproofAppAuth.TransactOpts, requireUpToDate)
}

// SetRequireTcbUpToDate is a paid mutator transaction binding the contract method 0x6e4c7422.
//
// Solidity: function setRequireTcbUpToDate(bool requireUpToDate) returns()
func (_DevproofAppAuth *DevproofAppAuthTransactorSession) SetRequireTcbUpToDate(requireUpToDate bool) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.SetRequireTcbUpToDate(&_DevproofAppAuth.TransactOpts, requireUpToDate)
}

// TransferOwnership is a paid mutator transaction binding the contract method 0xf2fde38b.
//
// Solidity: function transferOwnership(address newOwner) returns(uint256 id, uint64 effectiveAt)
func (_DevproofAppAuth *DevproofAppAuthTransactor) TransferOwnership(opts *bind.TransactOpts, newOwner common.Address) (*types.Transaction, error) {
	return _DevproofAppAuth.contract.Transact(opts, "transferOwnership", newOwner)
}

// TransferOwnership is a paid mutator transaction binding the contract method 0xf2fde38b.
//
// Solidity: function transferOwnership(address newOwner) returns(uint256 id, uint64 effectiveAt)
func (_DevproofAppAuth *DevproofAppAuthSession) TransferOwnership(newOwner common.Address) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.TransferOwnership(&_DevproofAppAuth.TransactOpts, newOwner)
}

// TransferOwnership is a paid mutator transaction binding the contract method 0xf2fde38b.
//
// Solidity: function transferOwnership(address newOwner) returns(uint256 id, uint64 effectiveAt)
func (_DevproofAppAuth *DevproofAppAuthTransactorSession) TransferOwnership(newOwner common.Address) (*types.Transaction, error) {
	return _DevproofAppAuth.Contract.TransferOwnership(&_DevproofAppAuth.TransactOpts, newOwner)
}

// DevproofAppAuthAllowAnyDeviceSetIterator is returned from FilterAllowAnyDeviceSet and is used to iterate over the raw logs and unpacked data for AllowAnyDeviceSet events raised by the DevproofAppAuth contract.
type DevproofAppAuthAllowAnyDeviceSetIterator struct {
	Event *DevproofAppAuthAllowAnyDeviceSet // Event containing the contract specifics and raw log

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
func (it *DevproofAppAuthAllowAnyDeviceSetIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevproofAppAuthAllowAnyDeviceSet)
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
		it.Event = new(DevproofAppAuthAllowAnyDeviceSet)
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
func (it *DevproofAppAuthAllowAnyDeviceSetIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevproofAppAuthAllowAnyDeviceSetIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevproofAppAuthAllowAnyDeviceSet represents a AllowAnyDeviceSet event raised by the DevproofAppAuth contract.
type DevproofAppAuthAllowAnyDeviceSet struct {
	AllowAny bool
	Raw      types.Log // Blockchain specific contextual infos
}

// FilterAllowAnyDeviceSet is a free log retrieval operation binding the contract event 0xbb2cdb6c7b362202d40373f87bc4788301cca658f91711ac1662e1ad2cba4a20.
//
// Solidity: event AllowAnyDeviceSet(bool allowAny)
func (_DevproofAppAuth *DevproofAppAuthFilterer) FilterAllowAnyDeviceSet(opts *bind.FilterOpts) (*DevproofAppAuthAllowAnyDeviceSetIterator, error) {

	logs, sub, err := _DevproofAppAuth.contract.FilterLogs(opts, "AllowAnyDeviceSet")
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuthAllowAnyDeviceSetIterator{contract: _DevproofAppAuth.contract, event: "AllowAnyDeviceSet", logs: logs, sub: sub}, nil
}

// WatchAllowAnyDeviceSet is a free log subscription operation binding the contract event 0xbb2cdb6c7b362202d40373f87bc4788301cca658f91711ac1662e1ad2cba4a20.
//
// Solidity: event AllowAnyDeviceSet(bool allowAny)
func (_DevproofAppAuth *DevproofAppAuthFilterer) WatchAllowAnyDeviceSet(opts *bind.WatchOpts, sink chan<- *DevproofAppAuthAllowAnyDeviceSet) (event.Subscription, error) {

	logs, sub, err := _DevproofAppAuth.contract.WatchLogs(opts, "AllowAnyDeviceSet")
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevproofAppAuthAllowAnyDeviceSet)
				if err := _DevproofAppAuth.contract.UnpackLog(event, "AllowAnyDeviceSet", log); err != nil {
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

// ParseAllowAnyDeviceSet is a log parse operation binding the contract event 0xbb2cdb6c7b362202d40373f87bc4788301cca658f91711ac1662e1ad2cba4a20.
//
// Solidity: event AllowAnyDeviceSet(bool allowAny)
func (_DevproofAppAuth *DevproofAppAuthFilterer) ParseAllowAnyDeviceSet(log types.Log) (*DevproofAppAuthAllowAnyDeviceSet, error) {
	event := new(DevproofAppAuthAllowAnyDeviceSet)
	if err := _DevproofAppAuth.contract.UnpackLog(event, "AllowAnyDeviceSet", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// DevproofAppAuthChangeActivatedIterator is returned from FilterChangeActivated and is used to iterate over the raw logs and unpacked data for ChangeActivated events raised by the DevproofAppAuth contract.
type DevproofAppAuthChangeActivatedIterator struct {
	Event *DevproofAppAuthChangeActivated // Event containing the contract specifics and raw log

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
func (it *DevproofAppAuthChangeActivatedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevproofAppAuthChangeActivated)
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
		it.Event = new(DevproofAppAuthChangeActivated)
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
func (it *DevproofAppAuthChangeActivatedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevproofAppAuthChangeActivatedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevproofAppAuthChangeActivated represents a ChangeActivated event raised by the DevproofAppAuth contract.
type DevproofAppAuthChangeActivated struct {
	Id    *big.Int
	Kind  uint8
	Value [32]byte
	Raw   types.Log // Blockchain specific contextual infos
}

// FilterChangeActivated is a free log retrieval operation binding the contract event 0xff95c11c7ec2e5258f56d67501752577cfe91769ad86fc230c94a892d4529785.
//
// Solidity: event ChangeActivated(uint256 indexed id, uint8 indexed kind, bytes32 value)
func (_DevproofAppAuth *DevproofAppAuthFilterer) FilterChangeActivated(opts *bind.FilterOpts, id []*big.Int, kind []uint8) (*DevproofAppAuthChangeActivatedIterator, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}
	var kindRule []interface{}
	for _, kindItem := range kind {
		kindRule = append(kindRule, kindItem)
	}

	logs, sub, err := _DevproofAppAuth.contract.FilterLogs(opts, "ChangeActivated", idRule, kindRule)
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuthChangeActivatedIterator{contract: _DevproofAppAuth.contract, event: "ChangeActivated", logs: logs, sub: sub}, nil
}

// WatchChangeActivated is a free log subscription operation binding the contract event 0xff95c11c7ec2e5258f56d67501752577cfe91769ad86fc230c94a892d4529785.
//
// Solidity: event ChangeActivated(uint256 indexed id, uint8 indexed kind, bytes32 value)
func (_DevproofAppAuth *DevproofAppAuthFilterer) WatchChangeActivated(opts *bind.WatchOpts, sink chan<- *DevproofAppAuthChangeActivated, id []*big.Int, kind []uint8) (event.Subscription, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}
	var kindRule []interface{}
	for _, kindItem := range kind {
		kindRule = append(kindRule, kindItem)
	}

	logs, sub, err := _DevproofAppAuth.contract.WatchLogs(opts, "ChangeActivated", idRule, kindRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevproofAppAuthChangeActivated)
				if err := _DevproofAppAuth.contract.UnpackLog(event, "ChangeActivated", log); err != nil {
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

// ParseChangeActivated is a log parse operation binding the contract event 0xff95c11c7ec2e5258f56d67501752577cfe91769ad86fc230c94a892d4529785.
//
// Solidity: event ChangeActivated(uint256 indexed id, uint8 indexed kind, bytes32 value)
func (_DevproofAppAuth *DevproofAppAuthFilterer) ParseChangeActivated(log types.Log) (*DevproofAppAuthChangeActivated, error) {
	event := new(DevproofAppAuthChangeActivated)
	if err := _DevproofAppAuth.contract.UnpackLog(event, "ChangeActivated", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// DevproofAppAuthChangeCancelledIterator is returned from FilterChangeCancelled and is used to iterate over the raw logs and unpacked data for ChangeCancelled events raised by the DevproofAppAuth contract.
type DevproofAppAuthChangeCancelledIterator struct {
	Event *DevproofAppAuthChangeCancelled // Event containing the contract specifics and raw log

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
func (it *DevproofAppAuthChangeCancelledIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevproofAppAuthChangeCancelled)
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
		it.Event = new(DevproofAppAuthChangeCancelled)
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
func (it *DevproofAppAuthChangeCancelledIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevproofAppAuthChangeCancelledIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevproofAppAuthChangeCancelled represents a ChangeCancelled event raised by the DevproofAppAuth contract.
type DevproofAppAuthChangeCancelled struct {
	Id  *big.Int
	Raw types.Log // Blockchain specific contextual infos
}

// FilterChangeCancelled is a free log retrieval operation binding the contract event 0x5edd520c0103960fbe1e1fc55ae80c123b61704fa2429473cef253e3c90ae27e.
//
// Solidity: event ChangeCancelled(uint256 indexed id)
func (_DevproofAppAuth *DevproofAppAuthFilterer) FilterChangeCancelled(opts *bind.FilterOpts, id []*big.Int) (*DevproofAppAuthChangeCancelledIterator, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}

	logs, sub, err := _DevproofAppAuth.contract.FilterLogs(opts, "ChangeCancelled", idRule)
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuthChangeCancelledIterator{contract: _DevproofAppAuth.contract, event: "ChangeCancelled", logs: logs, sub: sub}, nil
}

// WatchChangeCancelled is a free log subscription operation binding the contract event 0x5edd520c0103960fbe1e1fc55ae80c123b61704fa2429473cef253e3c90ae27e.
//
// Solidity: event ChangeCancelled(uint256 indexed id)
func (_DevproofAppAuth *DevproofAppAuthFilterer) WatchChangeCancelled(opts *bind.WatchOpts, sink chan<- *DevproofAppAuthChangeCancelled, id []*big.Int) (event.Subscription, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}

	logs, sub, err := _DevproofAppAuth.contract.WatchLogs(opts, "ChangeCancelled", idRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevproofAppAuthChangeCancelled)
				if err := _DevproofAppAuth.contract.UnpackLog(event, "ChangeCancelled", log); err != nil {
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

// ParseChangeCancelled is a log parse operation binding the contract event 0x5edd520c0103960fbe1e1fc55ae80c123b61704fa2429473cef253e3c90ae27e.
//
// Solidity: event ChangeCancelled(uint256 indexed id)
func (_DevproofAppAuth *DevproofAppAuthFilterer) ParseChangeCancelled(log types.Log) (*DevproofAppAuthChangeCancelled, error) {
	event := new(DevproofAppAuthChangeCancelled)
	if err := _DevproofAppAuth.contract.UnpackLog(event, "ChangeCancelled", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// DevproofAppAuthChangeProposedIterator is returned from FilterChangeProposed and is used to iterate over the raw logs and unpacked data for ChangeProposed events raised by the DevproofAppAuth contract.
type DevproofAppAuthChangeProposedIterator struct {
	Event *DevproofAppAuthChangeProposed // Event containing the contract specifics and raw log

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
func (it *DevproofAppAuthChangeProposedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevproofAppAuthChangeProposed)
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
		it.Event = new(DevproofAppAuthChangeProposed)
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
func (it *DevproofAppAuthChangeProposedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevproofAppAuthChangeProposedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevproofAppAuthChangeProposed represents a ChangeProposed event raised by the DevproofAppAuth contract.
type DevproofAppAuthChangeProposed struct {
	Id          *big.Int
	Kind        uint8
	Value       [32]byte
	EffectiveAt uint64
	Raw         types.Log // Blockchain specific contextual infos
}

// FilterChangeProposed is a free log retrieval operation binding the contract event 0xbe2f01f17a4ca48ae0ba020c3a13dcd3be82bf2634febbaa3dd36ce4c5ed17b8.
//
// Solidity: event ChangeProposed(uint256 indexed id, uint8 indexed kind, bytes32 value, uint64 effectiveAt)
func (_DevproofAppAuth *DevproofAppAuthFilterer) FilterChangeProposed(opts *bind.FilterOpts, id []*big.Int, kind []uint8) (*DevproofAppAuthChangeProposedIterator, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}
	var kindRule []interface{}
	for _, kindItem := range kind {
		kindRule = append(kindRule, kindItem)
	}

	logs, sub, err := _DevproofAppAuth.contract.FilterLogs(opts, "ChangeProposed", idRule, kindRule)
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuthChangeProposedIterator{contract: _DevproofAppAuth.contract, event: "ChangeProposed", logs: logs, sub: sub}, nil
}

// WatchChangeProposed is a free log subscription operation binding the contract event 0xbe2f01f17a4ca48ae0ba020c3a13dcd3be82bf2634febbaa3dd36ce4c5ed17b8.
//
// Solidity: event ChangeProposed(uint256 indexed id, uint8 indexed kind, bytes32 value, uint64 effectiveAt)
func (_DevproofAppAuth *DevproofAppAuthFilterer) WatchChangeProposed(opts *bind.WatchOpts, sink chan<- *DevproofAppAuthChangeProposed, id []*big.Int, kind []uint8) (event.Subscription, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}
	var kindRule []interface{}
	for _, kindItem := range kind {
		kindRule = append(kindRule, kindItem)
	}

	logs, sub, err := _DevproofAppAuth.contract.WatchLogs(opts, "ChangeProposed", idRule, kindRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevproofAppAuthChangeProposed)
				if err := _DevproofAppAuth.contract.UnpackLog(event, "ChangeProposed", log); err != nil {
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

// ParseChangeProposed is a log parse operation binding the contract event 0xbe2f01f17a4ca48ae0ba020c3a13dcd3be82bf2634febbaa3dd36ce4c5ed17b8.
//
// Solidity: event ChangeProposed(uint256 indexed id, uint8 indexed kind, bytes32 value, uint64 effectiveAt)
func (_DevproofAppAuth *DevproofAppAuthFilterer) ParseChangeProposed(log types.Log) (*DevproofAppAuthChangeProposed, error) {
	event := new(DevproofAppAuthChangeProposed)
	if err := _DevproofAppAuth.contract.UnpackLog(event, "ChangeProposed", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// DevproofAppAuthComposeHashAddedIterator is returned from FilterComposeHashAdded and is used to iterate over the raw logs and unpacked data for ComposeHashAdded events raised by the DevproofAppAuth contract.
type DevproofAppAuthComposeHashAddedIterator struct {
	Event *DevproofAppAuthComposeHashAdded // Event containing the contract specifics and raw log

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
func (it *DevproofAppAuthComposeHashAddedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevproofAppAuthComposeHashAdded)
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
		it.Event = new(DevproofAppAuthComposeHashAdded)
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
func (it *DevproofAppAuthComposeHashAddedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevproofAppAuthComposeHashAddedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevproofAppAuthComposeHashAdded represents a ComposeHashAdded event raised by the DevproofAppAuth contract.
type DevproofAppAuthComposeHashAdded struct {
	ComposeHash [32]byte
	Raw         types.Log // Blockchain specific contextual infos
}

// FilterComposeHashAdded is a free log retrieval operation binding the contract event 0xfecb34306dd9d8b785b54d65489d06afc8822a0893ddacedff40c50a4942d0af.
//
// Solidity: event ComposeHashAdded(bytes32 composeHash)
func (_DevproofAppAuth *DevproofAppAuthFilterer) FilterComposeHashAdded(opts *bind.FilterOpts) (*DevproofAppAuthComposeHashAddedIterator, error) {

	logs, sub, err := _DevproofAppAuth.contract.FilterLogs(opts, "ComposeHashAdded")
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuthComposeHashAddedIterator{contract: _DevproofAppAuth.contract, event: "ComposeHashAdded", logs: logs, sub: sub}, nil
}

// WatchComposeHashAdded is a free log subscription operation binding the contract event 0xfecb34306dd9d8b785b54d65489d06afc8822a0893ddacedff40c50a4942d0af.
//
// Solidity: event ComposeHashAdded(bytes32 composeHash)
func (_DevproofAppAuth *DevproofAppAuthFilterer) WatchComposeHashAdded(opts *bind.WatchOpts, sink chan<- *DevproofAppAuthComposeHashAdded) (event.Subscription, error) {

	logs, sub, err := _DevproofAppAuth.contract.WatchLogs(opts, "ComposeHashAdded")
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevproofAppAuthComposeHashAdded)
				if err := _DevproofAppAuth.contract.UnpackLog(event, "ComposeHashAdded", log); err != nil {
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

// ParseComposeHashAdded is a log parse operation binding the contract event 0xfecb34306dd9d8b785b54d65489d06afc8822a0893ddacedff40c50a4942d0af.
//
// Solidity: event ComposeHashAdded(bytes32 composeHash)
func (_DevproofAppAuth *DevproofAppAuthFilterer) ParseComposeHashAdded(log types.Log) (*DevproofAppAuthComposeHashAdded, error) {
	event := new(DevproofAppAuthComposeHashAdded)
	if err := _DevproofAppAuth.contract.UnpackLog(event, "ComposeHashAdded", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// DevproofAppAuthComposeHashRemovedIterator is returned from FilterComposeHashRemoved and is used to iterate over the raw logs and unpacked data for ComposeHashRemoved events raised by the DevproofAppAuth contract.
type DevproofAppAuthComposeHashRemovedIterator struct {
	Event *DevproofAppAuthComposeHashRemoved // Event containing the contract specifics and raw log

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
func (it *DevproofAppAuthComposeHashRemovedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevproofAppAuthComposeHashRemoved)
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
		it.Event = new(DevproofAppAuthComposeHashRemoved)
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
func (it *DevproofAppAuthComposeHashRemovedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevproofAppAuthComposeHashRemovedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevproofAppAuthComposeHashRemoved represents a ComposeHashRemoved event raised by the DevproofAppAuth contract.
type DevproofAppAuthComposeHashRemoved struct {
	ComposeHash [32]byte
	Raw         types.Log // Blockchain specific contextual infos
}

// FilterComposeHashRemoved is a free log retrieval operation binding the contract event 0x755b79bd4b0eeab344d032284a99003b2ddc018b646752ac72d681593a6e8947.
//
// Solidity: event ComposeHashRemoved(bytes32 composeHash)
func (_DevproofAppAuth *DevproofAppAuthFilterer) FilterComposeHashRemoved(opts *bind.FilterOpts) (*DevproofAppAuthComposeHashRemovedIterator, error) {

	logs, sub, err := _DevproofAppAuth.contract.FilterLogs(opts, "ComposeHashRemoved")
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuthComposeHashRemovedIterator{contract: _DevproofAppAuth.contract, event: "ComposeHashRemoved", logs: logs, sub: sub}, nil
}

// WatchComposeHashRemoved is a free log subscription operation binding the contract event 0x755b79bd4b0eeab344d032284a99003b2ddc018b646752ac72d681593a6e8947.
//
// Solidity: event ComposeHashRemoved(bytes32 composeHash)
func (_DevproofAppAuth *DevproofAppAuthFilterer) WatchComposeHashRemoved(opts *bind.WatchOpts, sink chan<- *DevproofAppAuthComposeHashRemoved) (event.Subscription, error) {

	logs, sub, err := _DevproofAppAuth.contract.WatchLogs(opts, "ComposeHashRemoved")
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevproofAppAuthComposeHashRemoved)
				if err := _DevproofAppAuth.contract.UnpackLog(event, "ComposeHashRemoved", log); err != nil {
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

// ParseComposeHashRemoved is a log parse operation binding the contract event 0x755b79bd4b0eeab344d032284a99003b2ddc018b646752ac72d681593a6e8947.
//
// Solidity: event ComposeHashRemoved(bytes32 composeHash)
func (_DevproofAppAuth *DevproofAppAuthFilterer) ParseComposeHashRemoved(log types.Log) (*DevproofAppAuthComposeHashRemoved, error) {
	event := new(DevproofAppAuthComposeHashRemoved)
	if err := _DevproofAppAuth.contract.UnpackLog(event, "ComposeHashRemoved", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// DevproofAppAuthDelayIncreasedIterator is returned from FilterDelayIncreased and is used to iterate over the raw logs and unpacked data for DelayIncreased events raised by the DevproofAppAuth contract.
type DevproofAppAuthDelayIncreasedIterator struct {
	Event *DevproofAppAuthDelayIncreased // Event containing the contract specifics and raw log

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
func (it *DevproofAppAuthDelayIncreasedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevproofAppAuthDelayIncreased)
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
		it.Event = new(DevproofAppAuthDelayIncreased)
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
func (it *DevproofAppAuthDelayIncreasedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevproofAppAuthDelayIncreasedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevproofAppAuthDelayIncreased represents a DelayIncreased event raised by the DevproofAppAuth contract.
type DevproofAppAuthDelayIncreased struct {
	From uint64
	To   uint64
	Raw  types.Log // Blockchain specific contextual infos
}

// FilterDelayIncreased is a free log retrieval operation binding the contract event 0xfd2a4fcbaad69d396beee3a74efb7ac56e5dd945176bc77be187ac2a62c6c75f.
//
// Solidity: event DelayIncreased(uint64 from, uint64 to)
func (_DevproofAppAuth *DevproofAppAuthFilterer) FilterDelayIncreased(opts *bind.FilterOpts) (*DevproofAppAuthDelayIncreasedIterator, error) {

	logs, sub, err := _DevproofAppAuth.contract.FilterLogs(opts, "DelayIncreased")
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuthDelayIncreasedIterator{contract: _DevproofAppAuth.contract, event: "DelayIncreased", logs: logs, sub: sub}, nil
}

// WatchDelayIncreased is a free log subscription operation binding the contract event 0xfd2a4fcbaad69d396beee3a74efb7ac56e5dd945176bc77be187ac2a62c6c75f.
//
// Solidity: event DelayIncreased(uint64 from, uint64 to)
func (_DevproofAppAuth *DevproofAppAuthFilterer) WatchDelayIncreased(opts *bind.WatchOpts, sink chan<- *DevproofAppAuthDelayIncreased) (event.Subscription, error) {

	logs, sub, err := _DevproofAppAuth.contract.WatchLogs(opts, "DelayIncreased")
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevproofAppAuthDelayIncreased)
				if err := _DevproofAppAuth.contract.UnpackLog(event, "DelayIncreased", log); err != nil {
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

// ParseDelayIncreased is a log parse operation binding the contract event 0xfd2a4fcbaad69d396beee3a74efb7ac56e5dd945176bc77be187ac2a62c6c75f.
//
// Solidity: event DelayIncreased(uint64 from, uint64 to)
func (_DevproofAppAuth *DevproofAppAuthFilterer) ParseDelayIncreased(log types.Log) (*DevproofAppAuthDelayIncreased, error) {
	event := new(DevproofAppAuthDelayIncreased)
	if err := _DevproofAppAuth.contract.UnpackLog(event, "DelayIncreased", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// DevproofAppAuthDeviceAddedIterator is returned from FilterDeviceAdded and is used to iterate over the raw logs and unpacked data for DeviceAdded events raised by the DevproofAppAuth contract.
type DevproofAppAuthDeviceAddedIterator struct {
	Event *DevproofAppAuthDeviceAdded // Event containing the contract specifics and raw log

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
func (it *DevproofAppAuthDeviceAddedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevproofAppAuthDeviceAdded)
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
		it.Event = new(DevproofAppAuthDeviceAdded)
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
func (it *DevproofAppAuthDeviceAddedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevproofAppAuthDeviceAddedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevproofAppAuthDeviceAdded represents a DeviceAdded event raised by the DevproofAppAuth contract.
type DevproofAppAuthDeviceAdded struct {
	DeviceId [32]byte
	Raw      types.Log // Blockchain specific contextual infos
}

// FilterDeviceAdded is a free log retrieval operation binding the contract event 0x67fc71ab96fe3fa3c6f78e9a00e635d591b7333ce611c0380bc577aac702243b.
//
// Solidity: event DeviceAdded(bytes32 deviceId)
func (_DevproofAppAuth *DevproofAppAuthFilterer) FilterDeviceAdded(opts *bind.FilterOpts) (*DevproofAppAuthDeviceAddedIterator, error) {

	logs, sub, err := _DevproofAppAuth.contract.FilterLogs(opts, "DeviceAdded")
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuthDeviceAddedIterator{contract: _DevproofAppAuth.contract, event: "DeviceAdded", logs: logs, sub: sub}, nil
}

// WatchDeviceAdded is a free log subscription operation binding the contract event 0x67fc71ab96fe3fa3c6f78e9a00e635d591b7333ce611c0380bc577aac702243b.
//
// Solidity: event DeviceAdded(bytes32 deviceId)
func (_DevproofAppAuth *DevproofAppAuthFilterer) WatchDeviceAdded(opts *bind.WatchOpts, sink chan<- *DevproofAppAuthDeviceAdded) (event.Subscription, error) {

	logs, sub, err := _DevproofAppAuth.contract.WatchLogs(opts, "DeviceAdded")
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevproofAppAuthDeviceAdded)
				if err := _DevproofAppAuth.contract.UnpackLog(event, "DeviceAdded", log); err != nil {
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

// ParseDeviceAdded is a log parse operation binding the contract event 0x67fc71ab96fe3fa3c6f78e9a00e635d591b7333ce611c0380bc577aac702243b.
//
// Solidity: event DeviceAdded(bytes32 deviceId)
func (_DevproofAppAuth *DevproofAppAuthFilterer) ParseDeviceAdded(log types.Log) (*DevproofAppAuthDeviceAdded, error) {
	event := new(DevproofAppAuthDeviceAdded)
	if err := _DevproofAppAuth.contract.UnpackLog(event, "DeviceAdded", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// DevproofAppAuthDeviceRemovedIterator is returned from FilterDeviceRemoved and is used to iterate over the raw logs and unpacked data for DeviceRemoved events raised by the DevproofAppAuth contract.
type DevproofAppAuthDeviceRemovedIterator struct {
	Event *DevproofAppAuthDeviceRemoved // Event containing the contract specifics and raw log

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
func (it *DevproofAppAuthDeviceRemovedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevproofAppAuthDeviceRemoved)
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
		it.Event = new(DevproofAppAuthDeviceRemoved)
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
func (it *DevproofAppAuthDeviceRemovedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevproofAppAuthDeviceRemovedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevproofAppAuthDeviceRemoved represents a DeviceRemoved event raised by the DevproofAppAuth contract.
type DevproofAppAuthDeviceRemoved struct {
	DeviceId [32]byte
	Raw      types.Log // Blockchain specific contextual infos
}

// FilterDeviceRemoved is a free log retrieval operation binding the contract event 0xe0862975ac517b0478d308012afabc4bc37c23874a18144d7f2dfb852ff95c2c.
//
// Solidity: event DeviceRemoved(bytes32 deviceId)
func (_DevproofAppAuth *DevproofAppAuthFilterer) FilterDeviceRemoved(opts *bind.FilterOpts) (*DevproofAppAuthDeviceRemovedIterator, error) {

	logs, sub, err := _DevproofAppAuth.contract.FilterLogs(opts, "DeviceRemoved")
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuthDeviceRemovedIterator{contract: _DevproofAppAuth.contract, event: "DeviceRemoved", logs: logs, sub: sub}, nil
}

// WatchDeviceRemoved is a free log subscription operation binding the contract event 0xe0862975ac517b0478d308012afabc4bc37c23874a18144d7f2dfb852ff95c2c.
//
// Solidity: event DeviceRemoved(bytes32 deviceId)
func (_DevproofAppAuth *DevproofAppAuthFilterer) WatchDeviceRemoved(opts *bind.WatchOpts, sink chan<- *DevproofAppAuthDeviceRemoved) (event.Subscription, error) {

	logs, sub, err := _DevproofAppAuth.contract.WatchLogs(opts, "DeviceRemoved")
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevproofAppAuthDeviceRemoved)
				if err := _DevproofAppAuth.contract.UnpackLog(event, "DeviceRemoved", log); err != nil {
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

// ParseDeviceRemoved is a log parse operation binding the contract event 0xe0862975ac517b0478d308012afabc4bc37c23874a18144d7f2dfb852ff95c2c.
//
// Solidity: event DeviceRemoved(bytes32 deviceId)
func (_DevproofAppAuth *DevproofAppAuthFilterer) ParseDeviceRemoved(log types.Log) (*DevproofAppAuthDeviceRemoved, error) {
	event := new(DevproofAppAuthDeviceRemoved)
	if err := _DevproofAppAuth.contract.UnpackLog(event, "DeviceRemoved", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// DevproofAppAuthOwnershipTransferredIterator is returned from FilterOwnershipTransferred and is used to iterate over the raw logs and unpacked data for OwnershipTransferred events raised by the DevproofAppAuth contract.
type DevproofAppAuthOwnershipTransferredIterator struct {
	Event *DevproofAppAuthOwnershipTransferred // Event containing the contract specifics and raw log

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
func (it *DevproofAppAuthOwnershipTransferredIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevproofAppAuthOwnershipTransferred)
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
		it.Event = new(DevproofAppAuthOwnershipTransferred)
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
func (it *DevproofAppAuthOwnershipTransferredIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevproofAppAuthOwnershipTransferredIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevproofAppAuthOwnershipTransferred represents a OwnershipTransferred event raised by the DevproofAppAuth contract.
type DevproofAppAuthOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           types.Log // Blockchain specific contextual infos
}

// FilterOwnershipTransferred is a free log retrieval operation binding the contract event 0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (_DevproofAppAuth *DevproofAppAuthFilterer) FilterOwnershipTransferred(opts *bind.FilterOpts, previousOwner []common.Address, newOwner []common.Address) (*DevproofAppAuthOwnershipTransferredIterator, error) {

	var previousOwnerRule []interface{}
	for _, previousOwnerItem := range previousOwner {
		previousOwnerRule = append(previousOwnerRule, previousOwnerItem)
	}
	var newOwnerRule []interface{}
	for _, newOwnerItem := range newOwner {
		newOwnerRule = append(newOwnerRule, newOwnerItem)
	}

	logs, sub, err := _DevproofAppAuth.contract.FilterLogs(opts, "OwnershipTransferred", previousOwnerRule, newOwnerRule)
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuthOwnershipTransferredIterator{contract: _DevproofAppAuth.contract, event: "OwnershipTransferred", logs: logs, sub: sub}, nil
}

// WatchOwnershipTransferred is a free log subscription operation binding the contract event 0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (_DevproofAppAuth *DevproofAppAuthFilterer) WatchOwnershipTransferred(opts *bind.WatchOpts, sink chan<- *DevproofAppAuthOwnershipTransferred, previousOwner []common.Address, newOwner []common.Address) (event.Subscription, error) {

	var previousOwnerRule []interface{}
	for _, previousOwnerItem := range previousOwner {
		previousOwnerRule = append(previousOwnerRule, previousOwnerItem)
	}
	var newOwnerRule []interface{}
	for _, newOwnerItem := range newOwner {
		newOwnerRule = append(newOwnerRule, newOwnerItem)
	}

	logs, sub, err := _DevproofAppAuth.contract.WatchLogs(opts, "OwnershipTransferred", previousOwnerRule, newOwnerRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevproofAppAuthOwnershipTransferred)
				if err := _DevproofAppAuth.contract.UnpackLog(event, "OwnershipTransferred", log); err != nil {
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

// ParseOwnershipTransferred is a log parse operation binding the contract event 0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (_DevproofAppAuth *DevproofAppAuthFilterer) ParseOwnershipTransferred(log types.Log) (*DevproofAppAuthOwnershipTransferred, error) {
	event := new(DevproofAppAuthOwnershipTransferred)
	if err := _DevproofAppAuth.contract.UnpackLog(event, "OwnershipTransferred", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// DevproofAppAuthPolicyChangedIterator is returned from FilterPolicyChanged and is used to iterate over the raw logs and unpacked data for PolicyChanged events raised by the DevproofAppAuth contract.
type DevproofAppAuthPolicyChangedIterator struct {
	Event *DevproofAppAuthPolicyChanged // Event containing the contract specifics and raw log

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
func (it *DevproofAppAuthPolicyChangedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevproofAppAuthPolicyChanged)
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
		it.Event = new(DevproofAppAuthPolicyChanged)
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
func (it *DevproofAppAuthPolicyChangedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevproofAppAuthPolicyChangedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevproofAppAuthPolicyChanged represents a PolicyChanged event raised by the DevproofAppAuth contract.
type DevproofAppAuthPolicyChanged struct {
	Actor   common.Address
	Policy  [32]byte
	Value   [32]byte
	Enabled bool
	Raw     types.Log // Blockchain specific contextual infos
}

// FilterPolicyChanged is a free log retrieval operation binding the contract event 0x341d3bc64e32172fc5bcf27b0f7f69dc5adc19af64b7aa1dee361e5883c32375.
//
// Solidity: event PolicyChanged(address indexed actor, bytes32 indexed policy, bytes32 indexed value, bool enabled)
func (_DevproofAppAuth *DevproofAppAuthFilterer) FilterPolicyChanged(opts *bind.FilterOpts, actor []common.Address, policy [][32]byte, value [][32]byte) (*DevproofAppAuthPolicyChangedIterator, error) {

	var actorRule []interface{}
	for _, actorItem := range actor {
		actorRule = append(actorRule, actorItem)
	}
	var policyRule []interface{}
	for _, policyItem := range policy {
		policyRule = append(policyRule, policyItem)
	}
	var valueRule []interface{}
	for _, valueItem := range value {
		valueRule = append(valueRule, valueItem)
	}

	logs, sub, err := _DevproofAppAuth.contract.FilterLogs(opts, "PolicyChanged", actorRule, policyRule, valueRule)
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuthPolicyChangedIterator{contract: _DevproofAppAuth.contract, event: "PolicyChanged", logs: logs, sub: sub}, nil
}

// WatchPolicyChanged is a free log subscription operation binding the contract event 0x341d3bc64e32172fc5bcf27b0f7f69dc5adc19af64b7aa1dee361e5883c32375.
//
// Solidity: event PolicyChanged(address indexed actor, bytes32 indexed policy, bytes32 indexed value, bool enabled)
func (_DevproofAppAuth *DevproofAppAuthFilterer) WatchPolicyChanged(opts *bind.WatchOpts, sink chan<- *DevproofAppAuthPolicyChanged, actor []common.Address, policy [][32]byte, value [][32]byte) (event.Subscription, error) {

	var actorRule []interface{}
	for _, actorItem := range actor {
		actorRule = append(actorRule, actorItem)
	}
	var policyRule []interface{}
	for _, policyItem := range policy {
		policyRule = append(policyRule, policyItem)
	}
	var valueRule []interface{}
	for _, valueItem := range value {
		valueRule = append(valueRule, valueItem)
	}

	logs, sub, err := _DevproofAppAuth.contract.WatchLogs(opts, "PolicyChanged", actorRule, policyRule, valueRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevproofAppAuthPolicyChanged)
				if err := _DevproofAppAuth.contract.UnpackLog(event, "PolicyChanged", log); err != nil {
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

// ParsePolicyChanged is a log parse operation binding the contract event 0x341d3bc64e32172fc5bcf27b0f7f69dc5adc19af64b7aa1dee361e5883c32375.
//
// Solidity: event PolicyChanged(address indexed actor, bytes32 indexed policy, bytes32 indexed value, bool enabled)
func (_DevproofAppAuth *DevproofAppAuthFilterer) ParsePolicyChanged(log types.Log) (*DevproofAppAuthPolicyChanged, error) {
	event := new(DevproofAppAuthPolicyChanged)
	if err := _DevproofAppAuth.contract.UnpackLog(event, "PolicyChanged", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// DevproofAppAuthRequireTcbUpToDateSetIterator is returned from FilterRequireTcbUpToDateSet and is used to iterate over the raw logs and unpacked data for RequireTcbUpToDateSet events raised by the DevproofAppAuth contract.
type DevproofAppAuthRequireTcbUpToDateSetIterator struct {
	Event *DevproofAppAuthRequireTcbUpToDateSet // Event containing the contract specifics and raw log

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
func (it *DevproofAppAuthRequireTcbUpToDateSetIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(DevproofAppAuthRequireTcbUpToDateSet)
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
		it.Event = new(DevproofAppAuthRequireTcbUpToDateSet)
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
func (it *DevproofAppAuthRequireTcbUpToDateSetIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *DevproofAppAuthRequireTcbUpToDateSetIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// DevproofAppAuthRequireTcbUpToDateSet represents a RequireTcbUpToDateSet event raised by the DevproofAppAuth contract.
type DevproofAppAuthRequireTcbUpToDateSet struct {
	RequireUpToDate bool
	Raw             types.Log // Blockchain specific contextual infos
}

// FilterRequireTcbUpToDateSet is a free log retrieval operation binding the contract event 0xafae60561b2481a349b45b3a47357f70eef6ae67e5b6e1749d74de7f19a25aa1.
//
// Solidity: event RequireTcbUpToDateSet(bool requireUpToDate)
func (_DevproofAppAuth *DevproofAppAuthFilterer) FilterRequireTcbUpToDateSet(opts *bind.FilterOpts) (*DevproofAppAuthRequireTcbUpToDateSetIterator, error) {

	logs, sub, err := _DevproofAppAuth.contract.FilterLogs(opts, "RequireTcbUpToDateSet")
	if err != nil {
		return nil, err
	}
	return &DevproofAppAuthRequireTcbUpToDateSetIterator{contract: _DevproofAppAuth.contract, event: "RequireTcbUpToDateSet", logs: logs, sub: sub}, nil
}

// WatchRequireTcbUpToDateSet is a free log subscription operation binding the contract event 0xafae60561b2481a349b45b3a47357f70eef6ae67e5b6e1749d74de7f19a25aa1.
//
// Solidity: event RequireTcbUpToDateSet(bool requireUpToDate)
func (_DevproofAppAuth *DevproofAppAuthFilterer) WatchRequireTcbUpToDateSet(opts *bind.WatchOpts, sink chan<- *DevproofAppAuthRequireTcbUpToDateSet) (event.Subscription, error) {

	logs, sub, err := _DevproofAppAuth.contract.WatchLogs(opts, "RequireTcbUpToDateSet")
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(DevproofAppAuthRequireTcbUpToDateSet)
				if err := _DevproofAppAuth.contract.UnpackLog(event, "RequireTcbUpToDateSet", log); err != nil {
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

// ParseRequireTcbUpToDateSet is a log parse operation binding the contract event 0xafae60561b2481a349b45b3a47357f70eef6ae67e5b6e1749d74de7f19a25aa1.
//
// Solidity: event RequireTcbUpToDateSet(bool requireUpToDate)
func (_DevproofAppAuth *DevproofAppAuthFilterer) ParseRequireTcbUpToDateSet(log types.Log) (*DevproofAppAuthRequireTcbUpToDateSet, error) {
	event := new(DevproofAppAuthRequireTcbUpToDateSet)
	if err := _DevproofAppAuth.contract.UnpackLog(event, "RequireTcbUpToDateSet", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// NotaryRegistryMetaData contains all meta data concerning the NotaryRegistry contract.
var NotaryRegistryMetaData = &bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractDevproofAppAuth\",\"name\":\"appAuth_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"kmsRoot_\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"minDelay_\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"AppKeyMismatch\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadKeyLength\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"delay\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"minDelay\",\"type\":\"uint64\"}],\"name\":\"DelayTooShort\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"KmsRootMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"appAuth\",\"type\":\"address\"}],\"name\":\"NotDevproofAppAuth\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NotOnCurve\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"appKey\",\"type\":\"address\"}],\"name\":\"SignerRegistered\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"PURPOSE\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"appAuth\",\"outputs\":[{\"internalType\":\"contractDevproofAppAuth\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"appId\",\"outputs\":[{\"internalType\":\"bytes20\",\"name\":\"\",\"type\":\"bytes20\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"isSigner\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"kmsRoot\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"minDelay\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"signerKey\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"appKey\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"appSignature\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"kmsSignature\",\"type\":\"bytes\"}],\"name\":\"register\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	Bin: "0x610100604052348015610010575f5ffd5b5060405161277538038061277583398101604081905261002f916101b2565b60405161003e60208201610173565b6020820181038252601f19601f8201166040525080519060200120836001600160a01b03163f146100925760405163115930e560e01b81526001600160a01b03841660048201526024015b60405180910390fd5b5f836001600160a01b0316636a42b8f86040518163ffffffff1660e01b8152600401602060405180830381865afa1580156100cf573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906100f391906101f7565b9050816001600160401b0316816001600160401b0316101561013b576040516330ee116760e01b81526001600160401b03808316600483015283166024820152604401610089565b506001600160a01b0383811660a05260609390931b6001600160601b031916608052911660c0526001600160401b031660e052610217565b611a3280610d4383390190565b6001600160a01b0381168114610194575f5ffd5b50565b80516001600160401b03811681146101ad575f5ffd5b919050565b5f5f5f606084860312156101c4575f5ffd5b83516101cf81610180565b60208501519093506101e081610180565b91506101ee60408501610197565b90509250925092565b5f60208284031215610207575f5ffd5b61021082610197565b9392505050565b60805160a05160c05160e051610aec6102575f395f61019001525f818161013e015261035c01525f6101d001525f818160f901526103080152610aec5ff3fe608060405234801561000f575f5ffd5b506004361061007a575f3560e01c8063afc3830711610058578063afc3830714610139578063b7c9413014610178578063c63c4e9b1461018b578063d7363a69146101cb575f5ffd5b806336f4efa31461007e5780637df73e27146100c257806380afdea8146100f4575b5f5ffd5b6100ac6040518060400160405280600f81526020016e3232bb383937b7b316b9b4b3b732b960891b81525081565b6040516100b991906107ca565b60405180910390f35b6100e46100d03660046107ff565b5f6020819052908152604090205460ff1681565b60405190151581526020016100b9565b61011b7f000000000000000000000000000000000000000000000000000000000000000081565b6040516bffffffffffffffffffffffff1990911681526020016100b9565b6101607f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b0390911681526020016100b9565b610160610186366004610871565b6101f2565b6101b27f000000000000000000000000000000000000000000000000000000000000000081565b60405167ffffffffffffffff90911681526020016100b9565b6101607f000000000000000000000000000000000000000000000000000000000000000081565b5f604088141580610204575060408614155b15610221576040516275c73d60e01b815260040160405180910390fd5b61022b8989610439565b158061023e575061023c8787610439565b155b1561025c576040516361586bdd60e01b815260040160405180910390fd5b5f6040518060400160405280600f81526020016e3232bb383937b7b316b9b4b3b732b960891b8152506102976102928c8c6104ca565b61053d565b6040516020016102a8929190610956565b6040516020818303038152906040528051906020012090506102ca8888610699565b6001600160a01b03166102de8288886106ba565b6001600160a01b031614610305576040516352fb40c760e11b815260040160405180910390fd5b5f7f00000000000000000000000000000000000000000000000000000000000000006103318a8a6104ca565b60405160200161034292919061097e565b6040516020818303038152906040528051906020012090507f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031661038f8287876106ba565b6001600160a01b0316146103b6576040516305529ad560e21b815260040160405180910390fd5b6103c08b8b610699565b6001600160a01b0381165f818152602081905260409020805460ff191660011790559093507f175dc012575357a5bf3c0dc4de54fc23305af37379b1ebf02e67df01832eae7a6104108b8b610699565b6040516001600160a01b03909116815260200160405180910390a2505098975050505050505050565b5f8061044860208285876109c1565b610451916109e8565b90505f6104626040602086886109c1565b61046b916109e8565b90506401000003d0198210158061048857506401000003d0198110155b15610497575f925050506104c4565b6401000003d01960076401000003d019846401000003d01986870909086401000003d01982830914925050505b92915050565b60605f8383603f8181106104e0576104e0610a05565b600192013560f81c821690911490506104fd57600160f91b610503565b600360f81b5b90508061051360205f86886109c1565b60405160200161052593929190610a19565b60405160208183030381529060405291505092915050565b80516060906f181899199a1a9b1b9c1cb0b131b232b360811b90610562906002610a50565b67ffffffffffffffff81111561057a5761057a610a67565b6040519080825280601f01601f1916602001820160405280156105a4576020820181803683370190505b5091505f5b8351811015610692578160048583815181106105c7576105c7610a05565b016020015160f81c901c60ff16601081106105e4576105e4610a05565b1a60f81b836105f4836002610a50565b8151811061060457610604610a05565b60200101906001600160f81b03191690815f1a9053508184828151811061062d5761062d610a05565b60209101015160f81c600f166010811061064957610649610a05565b1a60f81b83610659836002610a50565b610664906001610a7b565b8151811061067457610674610a05565b60200101906001600160f81b03191690815f1a9053506001016105a9565b5050919050565b5f82826040516106aa929190610a8e565b6040519081900390209392505050565b5f604182146106dc57604051635cd5d23360e01b815260040160405180910390fd5b5f838360408181106106f0576106f0610a05565b919091013560f81c915050601b8110156107125761070f601b82610a9d565b90505b6001858261072360205f888a6109c1565b61072c916109e8565b61073a60406020898b6109c1565b610743916109e8565b604080515f8152602081018083529590955260ff909316928401929092526060830152608082015260a0016020604051602081039080840390855afa15801561078e573d5f5f3e3d5ffd5b5050604051601f1901519250506001600160a01b0382166107c257604051635cd5d23360e01b815260040160405180910390fd5b509392505050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b5f6020828403121561080f575f5ffd5b81356001600160a01b0381168114610825575f5ffd5b9392505050565b5f5f83601f84011261083c575f5ffd5b50813567ffffffffffffffff811115610853575f5ffd5b60208301915083602082850101111561086a575f5ffd5b9250929050565b5f5f5f5f5f5f5f5f6080898b031215610888575f5ffd5b883567ffffffffffffffff81111561089e575f5ffd5b6108aa8b828c0161082c565b909950975050602089013567ffffffffffffffff8111156108c9575f5ffd5b6108d58b828c0161082c565b909750955050604089013567ffffffffffffffff8111156108f4575f5ffd5b6109008b828c0161082c565b909550935050606089013567ffffffffffffffff81111561091f575f5ffd5b61092b8b828c0161082c565b999c989b5096995094979396929594505050565b5f81518060208401855e5f93019283525090919050565b5f610961828561093f565b601d60f91b8152610975600182018561093f565b95945050505050565b713239ba30b1b596b5b6b996b4b9b9bab2b21d60711b81526bffffffffffffffffffffffff19831660128201525f6109b9602683018461093f565b949350505050565b5f5f858511156109cf575f5ffd5b838611156109db575f5ffd5b5050820193919092039150565b803560208310156104c4575f19602084900360031b1b1692915050565b634e487b7160e01b5f52603260045260245ffd5b6001600160f81b031984168152818360018301375f910160010190815292915050565b634e487b7160e01b5f52601160045260245ffd5b80820281158282048414176104c4576104c4610a3c565b634e487b7160e01b5f52604160045260245ffd5b808201808211156104c4576104c4610a3c565b818382375f9101908152919050565b60ff81811683821601908111156104c4576104c4610a3c56fea264697066735822122046fa9d11dcce0e63e7f00a214e10c46b59aa9feaed723c86952df06e671ed89664736f6c634300081c0033608060405234801561000f575f5ffd5b50600436106101a1575f3560e01c80636a42b8f8116100f3578063bf8b211b11610093578063dfc772231161006e578063dfc77223146103e5578063f2fde38b146103f8578063f35f64471461040b578063f9cbe24f14610413575f5ffd5b8063bf8b211b14610380578063d232c220146103a2578063dc04e893146103b5575f5ffd5b806375322e47116100ce57806375322e47146103105780637c4beeb8146103305780638da5cb5b14610343578063b260c42a1461036d575f5ffd5b80636a42b8f8146102dc5780636e4c7422146102f5578063715018a614610308575f5ffd5b80632f6622e51161015e57806338ca48581161013957806338ca48581461029157806340e58ee5146102a35780636651a46b146102b657806367b3f22c146102c9575f5ffd5b80632f6622e514610249578063303ab56f1461026b5780633440a16a1461027e575f5ffd5b806301ffc9a7146101a55780630aa58c83146101cd578063123e4019146101e05780631d266200146102005780631e079198146102155780632a81972814610236575b5f5ffd5b6101b86101b3366004611714565b610426565b60405190151581526020015b60405180910390f35b5f546101b890600160f01b900460ff1681565b6101e8610477565b6040516001600160401b0390911681526020016101c4565b61021361020e366004611742565b61052d565b005b610228610223366004611759565b6105ee565b6040516101c4929190611790565b610213610244366004611742565b610761565b6101b8610257366004611742565b60016020525f908152604090205460ff1681565b6102136102793660046117e4565b6107b2565b5f546101b890600160e81b900460ff1681565b6004545b6040519081526020016101c4565b6102136102b1366004611742565b6108e3565b6101b86102c43660046117fd565b610981565b6102136102d7366004611742565b610a6a565b5f546101e890600160a81b90046001600160401b031681565b61021361030336600461182e565b610b29565b610213610bf9565b61032361031e366004611742565b610cae565b6040516101c49190611861565b61021361033e36600461182e565b610daf565b5f54610355906001600160a01b031681565b6040516001600160a01b0390911681526020016101c4565b61021361037b366004611742565b610e72565b6101b861038e366004611742565b60026020525f908152604090205460ff1681565b5f546101b890600160a01b900460ff1681565b6103c86103c3366004611742565b6112cc565b604080519283526001600160401b039091166020830152016101c4565b6102136103f3366004611742565b611323565b6103c86104063660046118ed565b61132c565b600354610295565b6101e8610421366004611742565b6113ab565b5f6301ffc9a760e01b6001600160e01b03198316148061045657506303c0f23360e31b6001600160e01b03198316145b806104715750638fd3752760e01b6001600160e01b03198316145b92915050565b5f8054600160a01b900460ff161561049557506001600160401b0390565b6005545b60035481101561051f575f600382815481106104b7576104b7611913565b5f91825260209091206003909102016002810154909150600160801b90046001600160401b03161580156104f757506002810154600160c01b900460ff16155b156105165760020154600160401b90046001600160401b031692915050565b50600101610499565b506001600160401b03905090565b5f546001600160a01b03163314158061054e57505f546001600160a01b0316155b156105735760405163245aecd360e01b81523360048201526024015b60405180910390fd5b5f8181526002602052604090819020805460ff19169055517fe0862975ac517b0478d308012afabc4bc37c23874a18144d7f2dfb852ff95c2c906105ba9083815260200190565b60405180910390a16105eb6040518060400160405280600681526020016564657669636560d01b815250825f6113ed565b50565b5f8054606090600160f01b900460ff16801561064c57507f8dd11fcce5839087111530125177803569655488ae47b1f980ef0b1a711bf07c61063360e0850185611927565b604051610641929190611970565b604051809103902014155b1561068e57505060408051808201909152601c81527f54434220737461747573206973206e6f7420757020746f20646174650000000060208201525f92909150565b6020808401355f9081526001909152604090205460ff166106e657505060408051808201909152601881527f436f6d706f73652068617368206e6f7420616c6c6f776564000000000000000060208201525f92909150565b5f54600160e81b900460ff16158015610712575060608301355f9081526002602052604090205460ff16155b1561074957505060408051808201909152601281527111195d9a58d9481b9bdd08185b1b1bddd95960721b60208201525f92909150565b505060408051602081019091525f8152600192909150565b5f546001600160a01b03163314158061078257505f546001600160a01b0316155b156107a25760405163245aecd360e01b815233600482015260240161056a565b6107ad600182611440565b505050565b5f546001600160a01b0316331415806107d357505f546001600160a01b0316155b156107f35760405163245aecd360e01b815233600482015260240161056a565b5f546001600160401b03600160a81b909104811690821611610845575f54604051631fad004b60e11b8152600160a81b9091046001600160401b0390811660048301528216602482015260440161056a565b5f54604080516001600160401b03600160a81b9093048316815291831660208301527ffd2a4fcbaad69d396beee3a74efb7ac56e5dd945176bc77be187ac2a62c6c75f910160405180910390a15f805467ffffffffffffffff60a81b1916600160a81b6001600160401b0384169081029190911790915560408051808201909152600581526464656c617960d81b60208201526105eb9160016113ed565b5f546001600160a01b03163314158061090457505f546001600160a01b0316155b156109245760405163245aecd360e01b815233600482015260240161056a565b600161092f826115da565b6002018054911515600160c01b0260ff60c01b19909216919091179055610954611679565b60405181907f5edd520c0103960fbe1e1fc55ae80c123b61704fa2429473cef253e3c90ae27e905f90a250565b6004545f9081905b80821015610a0f575f600261099e8385611993565b6109a891906119a6565b9050856001600160401b0316600482815481106109c7576109c7611913565b5f918252602090912060048204015460039091166008026101000a90046001600160401b03161015610a05576109fe816001611993565b9250610a09565b8091505b50610989565b60045482108015610a615750836001600160401b031660048381548110610a3857610a38611913565b5f918252602090912060048204015460039091166008026101000a90046001600160401b031611155b95945050505050565b5f546001600160a01b031633141580610a8b57505f546001600160a01b0316155b15610aab5760405163245aecd360e01b815233600482015260240161056a565b5f8181526001602052604090819020805460ff19169055517f755b79bd4b0eeab344d032284a99003b2ddc018b646752ac72d681593a6e894790610af29083815260200190565b60405180910390a16105eb6040518060400160405280600c81526020016b0c6dedae0dee6ca5ad0c2e6d60a31b815250825f6113ed565b5f546001600160a01b031633141580610b4a57505f546001600160a01b0316155b15610b6a5760405163245aecd360e01b815233600482015260240161056a565b80610b7a576107ad60035f611440565b5f805460ff60f01b1916600160f01b179055604051600181527fafae60561b2481a349b45b3a47357f70eef6ae67e5b6e1749d74de7f19a25aa19060200160405180910390a1604080518082019091526016815275726571756972652d7463622d75702d746f2d6461746560501b60208201526105eb905f60016113ed565b5f546001600160a01b031633141580610c1a57505f546001600160a01b0316155b15610c3a5760405163245aecd360e01b815233600482015260240161056a565b5f80546040516001600160a01b03909116907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0908390a35f80546001600160a81b031916600160a01b17815560408051808201909152600581526437bbb732b960d91b6020820152610cac91806113ed565b565b6040805160c0810182525f80825260208201819052918101829052606081018290526080810182905260a08101919091526003548210610d045760405163b6f3173b60e01b81526004810183905260240161056a565b60038281548110610d1757610d17611913565b5f91825260209091206040805160c081019091526003909202018054829060ff166004811115610d4957610d4961184d565b6004811115610d5a57610d5a61184d565b8152600182015460208201526002909101546001600160401b038082166040840152600160401b820481166060840152600160801b8204166080830152600160c01b900460ff16151560a09091015292915050565b5f546001600160a01b031633141580610dd057505f546001600160a01b0316155b15610df05760405163245aecd360e01b815233600482015260240161056a565b8015610e01576107ad60025f611440565b5f805460ff60e81b191681556040519081527fbb2cdb6c7b362202d40373f87bc4788301cca658f91711ac1662e1ad2cba4a209060200160405180910390a160408051808201909152601081526f616c6c6f772d616e792d64657669636560801b60208201526105eb905f806113ed565b5f54600160a01b900460ff1615610e9c57604051637649e6b760e01b815260040160405180910390fd5b5f610ea6826115da565b6002810154909150600160401b90046001600160401b0316421015610efb57600281015460405162da0b1b60e51b815260048101849052600160401b9091046001600160401b0316602482015260440161056a565b6002810180546001600160401b03428116600160801b810267ffffffffffffffff60801b1990931692909217909255600480546001810182555f8290529081047f8a35acfbc15ff81a39ae7d344fd709f28e8600b4aa8c65c6b64bfe7fe36bd19b01805460086003909316929092026101000a928302929093021916179055610f82611679565b805460ff166004811115610f9857610f9861184d565b827fff95c11c7ec2e5258f56d67501752577cfe91769ad86fc230c94a892d45297858360010154604051610fce91815260200190565b60405180910390a35f815460ff166004811115610fed57610fed61184d565b0361107e57600181810180545f9081526020838152604091829020805460ff1916909417909355905490519081527ffecb34306dd9d8b785b54d65489d06afc8822a0893ddacedff40c50a4942d0af910160405180910390a161107a6040518060400160405280600c81526020016b0c6dedae0dee6ca5ad0c2e6d60a31b815250826001015460016113ed565b5050565b6001815460ff1660048111156110965761109661184d565b0361112557600181810180545f9081526002602052604090819020805460ff19169093179092555490517f67fc71ab96fe3fa3c6f78e9a00e635d591b7333ce611c0380bc577aac702243b916110ef9190815260200190565b60405180910390a161107a6040518060400160405280600681526020016564657669636560d01b815250826001015460016113ed565b6002815460ff16600481111561113d5761113d61184d565b036111bb575f805460ff60e81b1916600160e81b179055604051600181527fbb2cdb6c7b362202d40373f87bc4788301cca658f91711ac1662e1ad2cba4a209060200160405180910390a160408051808201909152601081526f616c6c6f772d616e792d64657669636560801b602082015261107a905f60016113ed565b6003815460ff1660048111156111d3576111d361184d565b0361124f575f805460ff60f01b191681556040519081527fafae60561b2481a349b45b3a47357f70eef6ae67e5b6e1749d74de7f19a25aa19060200160405180910390a1604080518082019091526016815275726571756972652d7463622d75702d746f2d6461746560501b602082015261107a905f806113ed565b5f805460018301546001600160a01b039081166001600160a01b0319831681178455604051919092169283917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e09190a36107ad6040518060400160405280600581526020016437bbb732b960d91b815250836001015460016113ed565b5f805481906001600160a01b0316331415806112f057505f546001600160a01b0316155b156113105760405163245aecd360e01b815233600482015260240161056a565b61131a5f84611440565b91509150915091565b6107ad816112cc565b5f805481906001600160a01b03163314158061135057505f546001600160a01b0316155b156113705760405163245aecd360e01b815233600482015260240161056a565b6001600160a01b03831661139757604051639905827b60e01b815260040160405180910390fd5b61131a60046001600160a01b038516611440565b5f600482815481106113bf576113bf611913565b905f5260205f2090600491828204019190066008029054906101000a90046001600160401b03169050919050565b818380519060200120336001600160a01b03167f341d3bc64e32172fc5bcf27b0f7f69dc5adc19af64b7aa1dee361e5883c3237584604051611433911515815260200190565b60405180910390a4505050565b5f8054819061145f90600160a81b90046001600160401b0316426119c5565b9050600380549050915060036040518060c001604052808660048111156114885761148861184d565b815260208082018790526001600160401b034281166040840152851660608301525f6080830181905260a090920182905283546001818101865594835291208251600390920201805492939092839160ff19909116908360048111156114f0576114f061184d565b0217905550602082015160018201556040820151600290910180546060840151608085015160a0909501511515600160c01b0260ff60c01b196001600160401b03968716600160801b021668ffffffffffffffffff60801b19928716600160401b026fffffffffffffffffffffffffffffffff1990941696909516959095179190911716919091179190911790558360048111156115905761159061184d565b604080518581526001600160401b038416602082015284917fbe2f01f17a4ca48ae0ba020c3a13dcd3be82bf2634febbaa3dd36ce4c5ed17b8910160405180910390a39250929050565b6003545f9082106116015760405163b6f3173b60e01b81526004810183905260240161056a565b6003828154811061161457611614611913565b5f91825260209091206003909102016002810154909150600160801b90046001600160401b031615158061165357506002810154600160c01b900460ff165b15611674576040516312be5ae960e21b81526004810183905260240161056a565b919050565b6005545b600354811080156116f857506003818154811061169c5761169c611913565b5f918252602090912060039091020160020154600160801b90046001600160401b03161515806116f85750600381815481106116da576116da611913565b905f5260205f20906003020160020160189054906101000a900460ff165b1561170f5780611707816119e4565b91505061167d565b600555565b5f60208284031215611724575f5ffd5b81356001600160e01b03198116811461173b575f5ffd5b9392505050565b5f60208284031215611752575f5ffd5b5035919050565b5f60208284031215611769575f5ffd5b81356001600160401b0381111561177e575f5ffd5b8201610120818503121561173b575f5ffd5b8215158152604060208201525f82518060408401528060208501606085015e5f606082850101526060601f19601f8301168401019150509392505050565b80356001600160401b0381168114611674575f5ffd5b5f602082840312156117f4575f5ffd5b61173b826117ce565b5f5f6040838503121561180e575f5ffd5b611817836117ce565b9150611825602084016117ce565b90509250929050565b5f6020828403121561183e575f5ffd5b8135801515811461173b575f5ffd5b634e487b7160e01b5f52602160045260245ffd5b815160c08201906005811061188457634e487b7160e01b5f52602160045260245ffd5b80835250602083015160208301526001600160401b0360408401511660408301526001600160401b03606084015116606083015260808301516118d260808401826001600160401b03169052565b5060a08301516118e660a084018215159052565b5092915050565b5f602082840312156118fd575f5ffd5b81356001600160a01b038116811461173b575f5ffd5b634e487b7160e01b5f52603260045260245ffd5b5f5f8335601e1984360301811261193c575f5ffd5b8301803591506001600160401b03821115611955575f5ffd5b602001915036819003821315611969575f5ffd5b9250929050565b818382375f9101908152919050565b634e487b7160e01b5f52601160045260245ffd5b808201808211156104715761047161197f565b5f826119c057634e487b7160e01b5f52601260045260245ffd5b500490565b6001600160401b0381811683821601908111156104715761047161197f565b5f600182016119f5576119f561197f565b506001019056fea2646970667358221220446d68daeee10ec3c9f8b7aac7c2c3b8bdcf272fdab3efb6d86691076755567d64736f6c634300081c0033",
}

// NotaryRegistryABI is the input ABI used to generate the binding from.
// Deprecated: Use NotaryRegistryMetaData.ABI instead.
var NotaryRegistryABI = NotaryRegistryMetaData.ABI

// NotaryRegistryBin is the compiled bytecode used for deploying new contracts.
// Deprecated: Use NotaryRegistryMetaData.Bin instead.
var NotaryRegistryBin = NotaryRegistryMetaData.Bin

// DeployNotaryRegistry deploys a new Ethereum contract, binding an instance of NotaryRegistry to it.
func DeployNotaryRegistry(auth *bind.TransactOpts, backend bind.ContractBackend, appAuth_ common.Address, kmsRoot_ common.Address, minDelay_ uint64) (common.Address, *types.Transaction, *NotaryRegistry, error) {
	parsed, err := NotaryRegistryMetaData.GetAbi()
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	if parsed == nil {
		return common.Address{}, nil, nil, errors.New("GetABI returned nil")
	}

	address, tx, contract, err := bind.DeployContract(auth, *parsed, common.FromHex(NotaryRegistryBin), backend, appAuth_, kmsRoot_, minDelay_)
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

// AppAuth is a free data retrieval call binding the contract method 0xd7363a69.
//
// Solidity: function appAuth() view returns(address)
func (_NotaryRegistry *NotaryRegistryCaller) AppAuth(opts *bind.CallOpts) (common.Address, error) {
	var out []interface{}
	err := _NotaryRegistry.contract.Call(opts, &out, "appAuth")

	if err != nil {
		return *new(common.Address), err
	}

	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)

	return out0, err

}

// AppAuth is a free data retrieval call binding the contract method 0xd7363a69.
//
// Solidity: function appAuth() view returns(address)
func (_NotaryRegistry *NotaryRegistrySession) AppAuth() (common.Address, error) {
	return _NotaryRegistry.Contract.AppAuth(&_NotaryRegistry.CallOpts)
}

// AppAuth is a free data retrieval call binding the contract method 0xd7363a69.
//
// Solidity: function appAuth() view returns(address)
func (_NotaryRegistry *NotaryRegistryCallerSession) AppAuth() (common.Address, error) {
	return _NotaryRegistry.Contract.AppAuth(&_NotaryRegistry.CallOpts)
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

// MinDelay is a free data retrieval call binding the contract method 0xc63c4e9b.
//
// Solidity: function minDelay() view returns(uint64)
func (_NotaryRegistry *NotaryRegistryCaller) MinDelay(opts *bind.CallOpts) (uint64, error) {
	var out []interface{}
	err := _NotaryRegistry.contract.Call(opts, &out, "minDelay")

	if err != nil {
		return *new(uint64), err
	}

	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)

	return out0, err

}

// MinDelay is a free data retrieval call binding the contract method 0xc63c4e9b.
//
// Solidity: function minDelay() view returns(uint64)
func (_NotaryRegistry *NotaryRegistrySession) MinDelay() (uint64, error) {
	return _NotaryRegistry.Contract.MinDelay(&_NotaryRegistry.CallOpts)
}

// MinDelay is a free data retrieval call binding the contract method 0xc63c4e9b.
//
// Solidity: function minDelay() view returns(uint64)
func (_NotaryRegistry *NotaryRegistryCallerSession) MinDelay() (uint64, error) {
	return _NotaryRegistry.Contract.MinDelay(&_NotaryRegistry.CallOpts)
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

// PredictionMarketMetaData contains all meta data concerning the PredictionMarket contract.
var PredictionMarketMetaData = &bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractNotaryRegistry\",\"name\":\"registry_\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"challengePeriod_\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"BadSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"why\",\"type\":\"string\"}],\"name\":\"BadTerms\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadValue\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BettingClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"effectiveAt\",\"type\":\"uint64\"}],\"name\":\"ChangePending\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"CodeMayHaveChanged\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MarketExists\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NoMarket\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"observedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"earliest\",\"type\":\"uint64\"}],\"name\":\"NotEarlier\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"enumPredictionMarket.Status\",\"name\":\"status\",\"type\":\"uint8\"}],\"name\":\"NotSettled\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NothingToClaim\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"observedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"windowEnd\",\"type\":\"uint64\"}],\"name\":\"ObservedAfterWindow\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"observedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"resolveAfter\",\"type\":\"uint64\"}],\"name\":\"ObservedBeforeWindow\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"observedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"blockTime\",\"type\":\"uint64\"}],\"name\":\"ObservedInFuture\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"closesAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"latest\",\"type\":\"uint64\"}],\"name\":\"OutlivesDelay\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"closesAt\",\"type\":\"uint64\"}],\"name\":\"SubmissionClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"resolveAfter\",\"type\":\"uint64\"}],\"name\":\"TooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"UnknownSigner\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"who\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"yes\",\"type\":\"bool\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Bet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"who\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Claimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"terms\",\"type\":\"bytes32\"},{\"components\":[{\"internalType\":\"string\",\"name\":\"sourceUrl\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"pointer\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"comparator\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"threshold\",\"type\":\"string\"},{\"internalType\":\"uint64\",\"name\":\"resolveAfter\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"window\",\"type\":\"uint64\"}],\"indexed\":false,\"internalType\":\"structPredictionMarket.Terms\",\"name\":\"definition\",\"type\":\"tuple\"}],\"name\":\"Created\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"outcome\",\"type\":\"bool\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"observedAt\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"sessionHash\",\"type\":\"bytes32\"}],\"name\":\"Observed\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"appAuth\",\"outputs\":[{\"internalType\":\"contractDevproofAppAuth\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bool\",\"name\":\"yes\",\"type\":\"bool\"}],\"name\":\"bet\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"challengePeriod\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"claim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"closesAt\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"components\":[{\"internalType\":\"string\",\"name\":\"sourceUrl\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"pointer\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"comparator\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"threshold\",\"type\":\"string\"},{\"internalType\":\"uint64\",\"name\":\"resolveAfter\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"window\",\"type\":\"uint64\"}],\"internalType\":\"structPredictionMarket.Terms\",\"name\":\"t\",\"type\":\"tuple\"}],\"name\":\"create\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"requestHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"responseHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"sessionHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"value\",\"type\":\"bytes\"},{\"internalType\":\"uint64\",\"name\":\"observedAt\",\"type\":\"uint64\"}],\"internalType\":\"structPredictionMarket.Statement\",\"name\":\"st\",\"type\":\"tuple\"}],\"name\":\"digest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"markets\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"exists\",\"type\":\"bool\"},{\"internalType\":\"uint64\",\"name\":\"createdAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"resolveAfter\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"window\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"terms\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"yesPool\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"noPool\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"observedAt\",\"type\":\"uint64\"},{\"internalType\":\"bool\",\"name\":\"outcome\",\"type\":\"bool\"},{\"internalType\":\"bytes32\",\"name\":\"sessionHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"paid\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"winStakePaid\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"noStake\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"registry\",\"outputs\":[{\"internalType\":\"contractNotaryRegistry\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"requestHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"responseHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"sessionHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"value\",\"type\":\"bytes\"},{\"internalType\":\"uint64\",\"name\":\"observedAt\",\"type\":\"uint64\"}],\"internalType\":\"structPredictionMarket.Statement\",\"name\":\"st\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"resolve\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"status\",\"outputs\":[{\"internalType\":\"enumPredictionMarket.Status\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"string\",\"name\":\"sourceUrl\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"pointer\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"comparator\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"threshold\",\"type\":\"string\"},{\"internalType\":\"uint64\",\"name\":\"resolveAfter\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"window\",\"type\":\"uint64\"}],\"internalType\":\"structPredictionMarket.Terms\",\"name\":\"t\",\"type\":\"tuple\"}],\"name\":\"termsHash\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"yesStake\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	Bin: "0x60e060405234801561000f575f5ffd5b50604051611d3d380380611d3d83398101604081905261002e916100cf565b6001600160a01b03821660808190526040805163d7363a6960e01b8152905163d7363a69916004808201926020929091908290030181865afa158015610076573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061009a9190610112565b6001600160a01b031660a0526001600160401b031660c05250610134565b6001600160a01b03811681146100cc575f5ffd5b50565b5f5f604083850312156100e0575f5ffd5b82516100eb816100b8565b60208401519092506001600160401b0381168114610107575f5ffd5b809150509250929050565b5f60208284031215610122575f5ffd5b815161012d816100b8565b9392505050565b60805160a05160c051611bb56101885f395f81816103c90152818161043a015261090a01525f81816103960152818161096201528181610a350152610f5e01525f818161030d01526112370152611bb55ff3fe6080604052600436106100d9575f3560e01c80637b1039991161007c578063d7363a6911610057578063d7363a6914610385578063f3f480d9146103b8578063f9efcba4146103eb578063fe6912771461040a575f5ffd5b80637b103999146102fc578063a2aae0b314610347578063bd66528a14610366575f5ffd5b806352ad0d5e116100b757806352ad0d5e1461017c578063633b8f0a146101a85780637564912b146101bd5780637a93ae43146102c6575f5ffd5b80631ba77131146100dd5780631d8026db146101265780633b9778701461015d575b5f5ffd5b3480156100e8575f5ffd5b506101136100f736600461163d565b600260209081525f928352604080842090915290825290205481565b6040519081526020015b60405180910390f35b348015610131575f5ffd5b50610145610140366004611676565b610429565b6040516001600160401b03909116815260200161011d565b348015610168575f5ffd5b506101136101773660046116a3565b61048e565b348015610187575f5ffd5b5061019b610196366004611676565b610649565b60405161011d91906116fa565b6101bb6101b6366004611730565b6106ce565b005b3480156101c8575f5ffd5b506102516101d7366004611676565b5f602081905290815260409020805460018201546002830154600384015460048501546005860154600687015460079097015460ff808816986001600160401b036101008a04811699600160481b8104821699600160881b90910482169890979096909591811694600160401b909104909316929091908c565b604080519c15158d526001600160401b039b8c1660208e0152998b16998c019990995296891660608b015260808a019590955260a089019390935260c088019190915290941660e08601529215156101008501526101208401929092526101408301919091526101608201526101800161011d565b3480156102d1575f5ffd5b506101136102e036600461163d565b600160209081525f928352604080842090915290825290205481565b348015610307575f5ffd5b5061032f7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b03909116815260200161011d565b348015610352575f5ffd5b506101bb610361366004611763565b610808565b348015610371575f5ffd5b506101bb610380366004611676565b610bf0565b348015610390575f5ffd5b5061032f7f000000000000000000000000000000000000000000000000000000000000000081565b3480156103c3575f5ffd5b506101457f000000000000000000000000000000000000000000000000000000000000000081565b3480156103f6575f5ffd5b506101bb61040536600461179c565b610e7a565b348015610415575f5ffd5b50610113610424366004611836565b6113fe565b5f81815260208190526040812080547f00000000000000000000000000000000000000000000000000000000000000009061047d906001600160401b03600160881b8204811691600160481b900416611883565b6104879190611883565b9392505050565b604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527fb18ffd20fd599b20a770511d218b9ac4d65d4a8ea9c9990a4a3630be75cde58d918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f90819060c00160408051601f19818403018152918152815160209283012092505f917f3e1872251122cc8888bc065f892a6dd2c9daf70aeeeb1bba96a9b8be1c4ece42918635918701359087013561056e60608901896118a2565b60405161057c9291906118eb565b60405190819003902061059560a08a0160808b0161190e565b5f8b8152602081815260409182902060010154825191820198909852908101959095526060850193909352608084019190915260a08301526001600160401b031660c082015260e081018790526101008101919091526101200160408051601f1981840301815290829052805160209182012061190160f01b918301919091526022820184905260428201819052915060620160405160208183030381529060405280519060200120925050505b92915050565b5f818152602081905260408120805460ff1661066757505f92915050565b8054600160481b90046001600160401b03164210156106895750600192915050565b61069283610429565b6001600160401b031642116106aa5750600292915050565b60048101546001600160401b03165f036106c5576004610487565b60039392505050565b5f828152602081905260409020805460ff166106fd57604051631e3700c360e21b815260040160405180910390fd5b8054600160481b90046001600160401b0316421061072e576040516330e2a62560e11b815260040160405180910390fd5b811561077f5734816002015f8282546107479190611929565b90915550505f83815260016020908152604080832033845290915281208054349290610774908490611929565b909155506107c59050565b34816003015f8282546107929190611929565b90915550505f838152600260209081526040808320338452909152812080543492906107bf908490611929565b90915550505b604080518315158152346020820152339185917f4bd7f796e474ec6cdca14f4f00b8bb1f3abb521fa1179c4b9923422f1f50472a910160405180910390a3505050565b5f8281526020819052604090205460ff161561083757604051638fc6f59b60e01b815260040160405180910390fd5b4261084860a083016080840161190e565b6001600160401b0316116108ae576040516339bac5cd60e11b815260206004820152602160248201527f7265736f6c76654166746572206973206e6f7420696e207468652066757475726044820152606560f81b60648201526084015b60405180910390fd5b6108be60c0820160a0830161190e565b6001600160401b03165f03610907576040516339bac5cd60e11b815260206004820152600e60248201526d77696e646f77206973207a65726f60901b60448201526064016108a5565b5f7f000000000000000000000000000000000000000000000000000000000000000061093960c0840160a0850161190e565b61094960a085016080860161190e565b6109539190611883565b61095d9190611883565b90505f7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316636a42b8f86040518163ffffffff1660e01b8152600401602060405180830381865afa1580156109bc573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906109e0919061193c565b6109ea9042611883565b9050806001600160401b0316826001600160401b03161115610a325760405163c669ac0b60e01b81526001600160401b038084166004830152821660248201526044016108a5565b5f7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663123e40196040518163ffffffff1660e01b8152600401602060405180830381865afa158015610a8f573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610ab3919061193c565b9050826001600160401b0316816001600160401b031611610af2576040516311de9fdf60e31b81526001600160401b03821660048201526024016108a5565b5f610afc856113fe565b5f87815260208190526040902080546001600160401b0342166101000268ffffffffffffffffff19909116176001178155909150610b4060a087016080880161190e565b81546001600160401b0391909116600160481b0270ffffffffffffffff00000000000000000019909116178155610b7d60c0870160a0880161190e565b81546001600160401b0391909116600160881b0267ffffffffffffffff60881b199091161781556001810182905560405187907f8783c8b0b1a716e4f28656f59c2d514dc50ae1e24c0b4a50792d739b0ee3605c90610bdf9085908a906119c0565b60405180910390a250505050505050565b5f81815260208190526040812090610c0783610649565b90506003816004811115610c1d57610c1d6116e6565b14158015610c3d57506004816004811115610c3a57610c3a6116e6565b14155b15610c5d5780604051631b785f0960e21b81526004016108a591906116fa565b5f83815260016020908152604080832033808552908352818420805488865260028552838620928652919093529083208054928490558390556004850154909290600160401b900460ff16610cb6578460030154610cbc565b84600201545b90505f6004856004811115610cd357610cd36116e6565b1480610cdd575081155b15610cf357610cec8385611929565b9050610d7a565b60048601545f90600160401b900460ff16610d0e5783610d10565b845b90505f87600301548860020154610d279190611929565b905081886007015f828254610d3c9190611929565b909155505060078801548414610d665783610d578284611aaa565b610d619190611ac1565b610d75565b6006880154610d759082611ae0565b925050505b805f03610d9a576040516312d37ee560e31b815260040160405180910390fd5b80866006015f828254610dad9190611929565b9091555050604051818152339088907f0508a8b4117d9a7b3d8f5895f6413e61b4f9a2df35afbfb41e78d0ecfff1843f9060200160405180910390a36040515f90339083908381818185875af1925050503d805f8114610e28576040519150601f19603f3d011682016040523d82523d5f602084013e610e2d565b606091505b5050905080610e705760405162461bcd60e51b815260206004820152600f60248201526e1d1c985b9cd9995c8819985a5b1959608a1b60448201526064016108a5565b5050505050505050565b5f848152602081905260409020805460ff16610ea957604051631e3700c360e21b815260040160405180910390fd5b8054600160481b90046001600160401b0316421015610eef57805460405163d606d83f60e01b8152600160481b9091046001600160401b031660048201526024016108a5565b5f610ef986610429565b9050806001600160401b0316421115610f30576040516317beefb960e11b81526001600160401b03821660048201526024016108a5565b8154604051636651a46b60e01b81526101009091046001600160401b039081166004830152421660248201527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690636651a46b90604401602060405180830381865afa158015610fab573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610fcf9190611af3565b15610ff05760405163de12691b60e01b8152600481018790526024016108a5565b8154600160481b90046001600160401b031661101260a087016080880161190e565b6001600160401b031610156110685761103160a086016080870161190e565b82546040516320ea92bd60e21b81526001600160401b039283166004820152600160481b90910490911660248201526044016108a5565b815461108d906001600160401b03600160881b8204811691600160481b900416611883565b6001600160401b03166110a660a087016080880161190e565b6001600160401b03161115611116576110c560a086016080870161190e565b82546110ea906001600160401b03600160881b8204811691600160481b900416611883565b60405163131b524560e31b81526001600160401b039283166004820152911660248201526044016108a5565b4261112760a087016080880161190e565b6001600160401b031611156111745761114660a086016080870161190e565b604051632450cb2d60e01b81526001600160401b0391821660048201524290911660248201526044016108a5565b60048201546001600160401b0316158015906111b5575060048201546001600160401b03166111a960a087016080880161190e565b6001600160401b031610155b15611200576111ca60a086016080870161190e565b600483810154604051635c8d057d60e01b81526001600160401b03938416928101929092529190911660248201526044016108a5565b5f61121561120e888861048e565b868661152d565b604051637df73e2760e01b81526001600160a01b0380831660048301529192507f000000000000000000000000000000000000000000000000000000000000000090911690637df73e2790602401602060405180830381865afa15801561127e573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906112a29190611af3565b6112ca57604051636bf4516160e11b81526001600160a01b03821660048201526024016108a5565b6112d760608701876118a2565b90506020146112f957604051630bba69fb60e01b815260040160405180910390fd5b5f61130760608801886118a2565b61131091611b0e565b9050600181111561133457604051630bba69fb60e01b815260040160405180910390fd5b61134460a088016080890161190e565b600485018054600160401b60018514810268ffffffffffffffffff199092166001600160401b03949094169390931717908190556040890135600587015589917f01c98b31849147179cf415eb9375990360c2fd221523167ea6f5f4309925139a910460ff166113ba60a08b0160808c0161190e565b6040805192151583526001600160401b0390911660208301526001600160a01b038616828201528a0135606082015260800160405180910390a25050505050505050565b5f7f54078ca3cca32ff0ff4ef8905ea3f3d0532a1e58b6248fc2babd2f7db4a8876861142a83806118a2565b6040516114389291906118eb565b60405190819003902061144e60208501856118a2565b60405161145c9291906118eb565b604051809103902084806040019061147491906118a2565b6040516114829291906118eb565b60405190819003902061149860608701876118a2565b6040516114a69291906118eb565b6040519081900390206114bf60a088016080890161190e565b6114cf60c0890160a08a0161190e565b6040805160208101989098528701959095526060860193909352608085019190915260a08401526001600160401b0390811660c08401521660e082015261010001604051602081830303815290604052805190602001209050919050565b5f6041821461154f57604051635cd5d23360e01b815260040160405180910390fd5b5f8383604081811061156357611563611b2b565b919091013560f81c915050601b81101561158557611582601b82611b3f565b90505b6001858261159660205f888a611b58565b61159f91611b0e565b6115ad60406020898b611b58565b6115b691611b0e565b604080515f8152602081018083529590955260ff909316928401929092526060830152608082015260a0016020604051602081039080840390855afa158015611601573d5f5f3e3d5ffd5b5050604051601f1901519250506001600160a01b03821661163557604051635cd5d23360e01b815260040160405180910390fd5b509392505050565b5f5f6040838503121561164e575f5ffd5b8235915060208301356001600160a01b038116811461166b575f5ffd5b809150509250929050565b5f60208284031215611686575f5ffd5b5035919050565b5f60a0828403121561169d575f5ffd5b50919050565b5f5f604083850312156116b4575f5ffd5b8235915060208301356001600160401b038111156116d0575f5ffd5b6116dc8582860161168d565b9150509250929050565b634e487b7160e01b5f52602160045260245ffd5b602081016005831061171a57634e487b7160e01b5f52602160045260245ffd5b91905290565b801515811461172d575f5ffd5b50565b5f5f60408385031215611741575f5ffd5b82359150602083013561166b81611720565b5f60c0828403121561169d575f5ffd5b5f5f60408385031215611774575f5ffd5b8235915060208301356001600160401b03811115611790575f5ffd5b6116dc85828601611753565b5f5f5f5f606085870312156117af575f5ffd5b8435935060208501356001600160401b038111156117cb575f5ffd5b6117d78782880161168d565b93505060408501356001600160401b038111156117f2575f5ffd5b8501601f81018713611802575f5ffd5b80356001600160401b03811115611817575f5ffd5b876020828401011115611828575f5ffd5b949793965060200194505050565b5f60208284031215611846575f5ffd5b81356001600160401b0381111561185b575f5ffd5b61186784828501611753565b949350505050565b634e487b7160e01b5f52601160045260245ffd5b6001600160401b0381811683821601908111156106435761064361186f565b5f5f8335601e198436030181126118b7575f5ffd5b8301803591506001600160401b038211156118d0575f5ffd5b6020019150368190038213156118e4575f5ffd5b9250929050565b818382375f9101908152919050565b6001600160401b038116811461172d575f5ffd5b5f6020828403121561191e575f5ffd5b8135610487816118fa565b808201808211156106435761064361186f565b5f6020828403121561194c575f5ffd5b8151610487816118fa565b5f5f8335601e1984360301811261196c575f5ffd5b83016020810192503590506001600160401b0381111561198a575f5ffd5b8036038213156118e4575f5ffd5b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b828152604060208201525f6119d58384611957565b60c060408501526119eb61010085018284611998565b9150506119fb6020850185611957565b848303603f19016060860152611a12838284611998565b92505050611a236040850185611957565b848303603f19016080860152611a3a838284611998565b92505050611a4b6060850185611957565b848303603f190160a0860152611a62838284611998565b925050506080840135611a74816118fa565b6001600160401b031660c084015260a0840135611a90816118fa565b6001600160401b031660e093909301929092525092915050565b80820281158282048414176106435761064361186f565b5f82611adb57634e487b7160e01b5f52601260045260245ffd5b500490565b818103818111156106435761064361186f565b5f60208284031215611b03575f5ffd5b815161048781611720565b80356020831015610643575f19602084900360031b1b1692915050565b634e487b7160e01b5f52603260045260245ffd5b60ff81811683821601908111156106435761064361186f565b5f5f85851115611b66575f5ffd5b83861115611b72575f5ffd5b505082019391909203915056fea264697066735822122093362d7ef79b18ecf8d28478d21fa62ff2f559e3b33218ccb41c50fd1289439c64736f6c634300081c0033",
}

// PredictionMarketABI is the input ABI used to generate the binding from.
// Deprecated: Use PredictionMarketMetaData.ABI instead.
var PredictionMarketABI = PredictionMarketMetaData.ABI

// PredictionMarketBin is the compiled bytecode used for deploying new contracts.
// Deprecated: Use PredictionMarketMetaData.Bin instead.
var PredictionMarketBin = PredictionMarketMetaData.Bin

// DeployPredictionMarket deploys a new Ethereum contract, binding an instance of PredictionMarket to it.
func DeployPredictionMarket(auth *bind.TransactOpts, backend bind.ContractBackend, registry_ common.Address, challengePeriod_ uint64) (common.Address, *types.Transaction, *PredictionMarket, error) {
	parsed, err := PredictionMarketMetaData.GetAbi()
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	if parsed == nil {
		return common.Address{}, nil, nil, errors.New("GetABI returned nil")
	}

	address, tx, contract, err := bind.DeployContract(auth, *parsed, common.FromHex(PredictionMarketBin), backend, registry_, challengePeriod_)
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	return address, tx, &PredictionMarket{PredictionMarketCaller: PredictionMarketCaller{contract: contract}, PredictionMarketTransactor: PredictionMarketTransactor{contract: contract}, PredictionMarketFilterer: PredictionMarketFilterer{contract: contract}}, nil
}

// PredictionMarket is an auto generated Go binding around an Ethereum contract.
type PredictionMarket struct {
	PredictionMarketCaller     // Read-only binding to the contract
	PredictionMarketTransactor // Write-only binding to the contract
	PredictionMarketFilterer   // Log filterer for contract events
}

// PredictionMarketCaller is an auto generated read-only Go binding around an Ethereum contract.
type PredictionMarketCaller struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// PredictionMarketTransactor is an auto generated write-only Go binding around an Ethereum contract.
type PredictionMarketTransactor struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// PredictionMarketFilterer is an auto generated log filtering Go binding around an Ethereum contract events.
type PredictionMarketFilterer struct {
	contract *bind.BoundContract // Generic contract wrapper for the low level calls
}

// PredictionMarketSession is an auto generated Go binding around an Ethereum contract,
// with pre-set call and transact options.
type PredictionMarketSession struct {
	Contract     *PredictionMarket // Generic contract binding to set the session for
	CallOpts     bind.CallOpts     // Call options to use throughout this session
	TransactOpts bind.TransactOpts // Transaction auth options to use throughout this session
}

// PredictionMarketCallerSession is an auto generated read-only Go binding around an Ethereum contract,
// with pre-set call options.
type PredictionMarketCallerSession struct {
	Contract *PredictionMarketCaller // Generic contract caller binding to set the session for
	CallOpts bind.CallOpts           // Call options to use throughout this session
}

// PredictionMarketTransactorSession is an auto generated write-only Go binding around an Ethereum contract,
// with pre-set transact options.
type PredictionMarketTransactorSession struct {
	Contract     *PredictionMarketTransactor // Generic contract transactor binding to set the session for
	TransactOpts bind.TransactOpts           // Transaction auth options to use throughout this session
}

// PredictionMarketRaw is an auto generated low-level Go binding around an Ethereum contract.
type PredictionMarketRaw struct {
	Contract *PredictionMarket // Generic contract binding to access the raw methods on
}

// PredictionMarketCallerRaw is an auto generated low-level read-only Go binding around an Ethereum contract.
type PredictionMarketCallerRaw struct {
	Contract *PredictionMarketCaller // Generic read-only contract binding to access the raw methods on
}

// PredictionMarketTransactorRaw is an auto generated low-level write-only Go binding around an Ethereum contract.
type PredictionMarketTransactorRaw struct {
	Contract *PredictionMarketTransactor // Generic write-only contract binding to access the raw methods on
}

// NewPredictionMarket creates a new instance of PredictionMarket, bound to a specific deployed contract.
func NewPredictionMarket(address common.Address, backend bind.ContractBackend) (*PredictionMarket, error) {
	contract, err := bindPredictionMarket(address, backend, backend, backend)
	if err != nil {
		return nil, err
	}
	return &PredictionMarket{PredictionMarketCaller: PredictionMarketCaller{contract: contract}, PredictionMarketTransactor: PredictionMarketTransactor{contract: contract}, PredictionMarketFilterer: PredictionMarketFilterer{contract: contract}}, nil
}

// NewPredictionMarketCaller creates a new read-only instance of PredictionMarket, bound to a specific deployed contract.
func NewPredictionMarketCaller(address common.Address, caller bind.ContractCaller) (*PredictionMarketCaller, error) {
	contract, err := bindPredictionMarket(address, caller, nil, nil)
	if err != nil {
		return nil, err
	}
	return &PredictionMarketCaller{contract: contract}, nil
}

// NewPredictionMarketTransactor creates a new write-only instance of PredictionMarket, bound to a specific deployed contract.
func NewPredictionMarketTransactor(address common.Address, transactor bind.ContractTransactor) (*PredictionMarketTransactor, error) {
	contract, err := bindPredictionMarket(address, nil, transactor, nil)
	if err != nil {
		return nil, err
	}
	return &PredictionMarketTransactor{contract: contract}, nil
}

// NewPredictionMarketFilterer creates a new log filterer instance of PredictionMarket, bound to a specific deployed contract.
func NewPredictionMarketFilterer(address common.Address, filterer bind.ContractFilterer) (*PredictionMarketFilterer, error) {
	contract, err := bindPredictionMarket(address, nil, nil, filterer)
	if err != nil {
		return nil, err
	}
	return &PredictionMarketFilterer{contract: contract}, nil
}

// bindPredictionMarket binds a generic wrapper to an already deployed contract.
func bindPredictionMarket(address common.Address, caller bind.ContractCaller, transactor bind.ContractTransactor, filterer bind.ContractFilterer) (*bind.BoundContract, error) {
	parsed, err := PredictionMarketMetaData.GetAbi()
	if err != nil {
		return nil, err
	}
	return bind.NewBoundContract(address, *parsed, caller, transactor, filterer), nil
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_PredictionMarket *PredictionMarketRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _PredictionMarket.Contract.PredictionMarketCaller.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_PredictionMarket *PredictionMarketRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _PredictionMarket.Contract.PredictionMarketTransactor.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_PredictionMarket *PredictionMarketRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _PredictionMarket.Contract.PredictionMarketTransactor.contract.Transact(opts, method, params...)
}

// Call invokes the (constant) contract method with params as input values and
// sets the output to result. The result type might be a single field for simple
// returns, a slice of interfaces for anonymous returns and a struct for named
// returns.
func (_PredictionMarket *PredictionMarketCallerRaw) Call(opts *bind.CallOpts, result *[]interface{}, method string, params ...interface{}) error {
	return _PredictionMarket.Contract.contract.Call(opts, result, method, params...)
}

// Transfer initiates a plain transaction to move funds to the contract, calling
// its default method if one is available.
func (_PredictionMarket *PredictionMarketTransactorRaw) Transfer(opts *bind.TransactOpts) (*types.Transaction, error) {
	return _PredictionMarket.Contract.contract.Transfer(opts)
}

// Transact invokes the (paid) contract method with params as input values.
func (_PredictionMarket *PredictionMarketTransactorRaw) Transact(opts *bind.TransactOpts, method string, params ...interface{}) (*types.Transaction, error) {
	return _PredictionMarket.Contract.contract.Transact(opts, method, params...)
}

// AppAuth is a free data retrieval call binding the contract method 0xd7363a69.
//
// Solidity: function appAuth() view returns(address)
func (_PredictionMarket *PredictionMarketCaller) AppAuth(opts *bind.CallOpts) (common.Address, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "appAuth")

	if err != nil {
		return *new(common.Address), err
	}

	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)

	return out0, err

}

// AppAuth is a free data retrieval call binding the contract method 0xd7363a69.
//
// Solidity: function appAuth() view returns(address)
func (_PredictionMarket *PredictionMarketSession) AppAuth() (common.Address, error) {
	return _PredictionMarket.Contract.AppAuth(&_PredictionMarket.CallOpts)
}

// AppAuth is a free data retrieval call binding the contract method 0xd7363a69.
//
// Solidity: function appAuth() view returns(address)
func (_PredictionMarket *PredictionMarketCallerSession) AppAuth() (common.Address, error) {
	return _PredictionMarket.Contract.AppAuth(&_PredictionMarket.CallOpts)
}

// ChallengePeriod is a free data retrieval call binding the contract method 0xf3f480d9.
//
// Solidity: function challengePeriod() view returns(uint64)
func (_PredictionMarket *PredictionMarketCaller) ChallengePeriod(opts *bind.CallOpts) (uint64, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "challengePeriod")

	if err != nil {
		return *new(uint64), err
	}

	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)

	return out0, err

}

// ChallengePeriod is a free data retrieval call binding the contract method 0xf3f480d9.
//
// Solidity: function challengePeriod() view returns(uint64)
func (_PredictionMarket *PredictionMarketSession) ChallengePeriod() (uint64, error) {
	return _PredictionMarket.Contract.ChallengePeriod(&_PredictionMarket.CallOpts)
}

// ChallengePeriod is a free data retrieval call binding the contract method 0xf3f480d9.
//
// Solidity: function challengePeriod() view returns(uint64)
func (_PredictionMarket *PredictionMarketCallerSession) ChallengePeriod() (uint64, error) {
	return _PredictionMarket.Contract.ChallengePeriod(&_PredictionMarket.CallOpts)
}

// ClosesAt is a free data retrieval call binding the contract method 0x1d8026db.
//
// Solidity: function closesAt(bytes32 id) view returns(uint64)
func (_PredictionMarket *PredictionMarketCaller) ClosesAt(opts *bind.CallOpts, id [32]byte) (uint64, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "closesAt", id)

	if err != nil {
		return *new(uint64), err
	}

	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)

	return out0, err

}

// ClosesAt is a free data retrieval call binding the contract method 0x1d8026db.
//
// Solidity: function closesAt(bytes32 id) view returns(uint64)
func (_PredictionMarket *PredictionMarketSession) ClosesAt(id [32]byte) (uint64, error) {
	return _PredictionMarket.Contract.ClosesAt(&_PredictionMarket.CallOpts, id)
}

// ClosesAt is a free data retrieval call binding the contract method 0x1d8026db.
//
// Solidity: function closesAt(bytes32 id) view returns(uint64)
func (_PredictionMarket *PredictionMarketCallerSession) ClosesAt(id [32]byte) (uint64, error) {
	return _PredictionMarket.Contract.ClosesAt(&_PredictionMarket.CallOpts, id)
}

// Digest is a free data retrieval call binding the contract method 0x3b977870.
//
// Solidity: function digest(bytes32 id, (bytes32,bytes32,bytes32,bytes,uint64) st) view returns(bytes32)
func (_PredictionMarket *PredictionMarketCaller) Digest(opts *bind.CallOpts, id [32]byte, st PredictionMarketStatement) ([32]byte, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "digest", id, st)

	if err != nil {
		return *new([32]byte), err
	}

	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)

	return out0, err

}

// Digest is a free data retrieval call binding the contract method 0x3b977870.
//
// Solidity: function digest(bytes32 id, (bytes32,bytes32,bytes32,bytes,uint64) st) view returns(bytes32)
func (_PredictionMarket *PredictionMarketSession) Digest(id [32]byte, st PredictionMarketStatement) ([32]byte, error) {
	return _PredictionMarket.Contract.Digest(&_PredictionMarket.CallOpts, id, st)
}

// Digest is a free data retrieval call binding the contract method 0x3b977870.
//
// Solidity: function digest(bytes32 id, (bytes32,bytes32,bytes32,bytes,uint64) st) view returns(bytes32)
func (_PredictionMarket *PredictionMarketCallerSession) Digest(id [32]byte, st PredictionMarketStatement) ([32]byte, error) {
	return _PredictionMarket.Contract.Digest(&_PredictionMarket.CallOpts, id, st)
}

// Markets is a free data retrieval call binding the contract method 0x7564912b.
//
// Solidity: function markets(bytes32 ) view returns(bool exists, uint64 createdAt, uint64 resolveAfter, uint64 window, bytes32 terms, uint256 yesPool, uint256 noPool, uint64 observedAt, bool outcome, bytes32 sessionHash, uint256 paid, uint256 winStakePaid)
func (_PredictionMarket *PredictionMarketCaller) Markets(opts *bind.CallOpts, arg0 [32]byte) (struct {
	Exists       bool
	CreatedAt    uint64
	ResolveAfter uint64
	Window       uint64
	Terms        [32]byte
	YesPool      *big.Int
	NoPool       *big.Int
	ObservedAt   uint64
	Outcome      bool
	SessionHash  [32]byte
	Paid         *big.Int
	WinStakePaid *big.Int
}, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "markets", arg0)

	outstruct := new(struct {
		Exists       bool
		CreatedAt    uint64
		ResolveAfter uint64
		Window       uint64
		Terms        [32]byte
		YesPool      *big.Int
		NoPool       *big.Int
		ObservedAt   uint64
		Outcome      bool
		SessionHash  [32]byte
		Paid         *big.Int
		WinStakePaid *big.Int
	})
	if err != nil {
		return *outstruct, err
	}

	outstruct.Exists = *abi.ConvertType(out[0], new(bool)).(*bool)
	outstruct.CreatedAt = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	outstruct.ResolveAfter = *abi.ConvertType(out[2], new(uint64)).(*uint64)
	outstruct.Window = *abi.ConvertType(out[3], new(uint64)).(*uint64)
	outstruct.Terms = *abi.ConvertType(out[4], new([32]byte)).(*[32]byte)
	outstruct.YesPool = *abi.ConvertType(out[5], new(*big.Int)).(**big.Int)
	outstruct.NoPool = *abi.ConvertType(out[6], new(*big.Int)).(**big.Int)
	outstruct.ObservedAt = *abi.ConvertType(out[7], new(uint64)).(*uint64)
	outstruct.Outcome = *abi.ConvertType(out[8], new(bool)).(*bool)
	outstruct.SessionHash = *abi.ConvertType(out[9], new([32]byte)).(*[32]byte)
	outstruct.Paid = *abi.ConvertType(out[10], new(*big.Int)).(**big.Int)
	outstruct.WinStakePaid = *abi.ConvertType(out[11], new(*big.Int)).(**big.Int)

	return *outstruct, err

}

// Markets is a free data retrieval call binding the contract method 0x7564912b.
//
// Solidity: function markets(bytes32 ) view returns(bool exists, uint64 createdAt, uint64 resolveAfter, uint64 window, bytes32 terms, uint256 yesPool, uint256 noPool, uint64 observedAt, bool outcome, bytes32 sessionHash, uint256 paid, uint256 winStakePaid)
func (_PredictionMarket *PredictionMarketSession) Markets(arg0 [32]byte) (struct {
	Exists       bool
	CreatedAt    uint64
	ResolveAfter uint64
	Window       uint64
	Terms        [32]byte
	YesPool      *big.Int
	NoPool       *big.Int
	ObservedAt   uint64
	Outcome      bool
	SessionHash  [32]byte
	Paid         *big.Int
	WinStakePaid *big.Int
}, error) {
	return _PredictionMarket.Contract.Markets(&_PredictionMarket.CallOpts, arg0)
}

// Markets is a free data retrieval call binding the contract method 0x7564912b.
//
// Solidity: function markets(bytes32 ) view returns(bool exists, uint64 createdAt, uint64 resolveAfter, uint64 window, bytes32 terms, uint256 yesPool, uint256 noPool, uint64 observedAt, bool outcome, bytes32 sessionHash, uint256 paid, uint256 winStakePaid)
func (_PredictionMarket *PredictionMarketCallerSession) Markets(arg0 [32]byte) (struct {
	Exists       bool
	CreatedAt    uint64
	ResolveAfter uint64
	Window       uint64
	Terms        [32]byte
	YesPool      *big.Int
	NoPool       *big.Int
	ObservedAt   uint64
	Outcome      bool
	SessionHash  [32]byte
	Paid         *big.Int
	WinStakePaid *big.Int
}, error) {
	return _PredictionMarket.Contract.Markets(&_PredictionMarket.CallOpts, arg0)
}

// NoStake is a free data retrieval call binding the contract method 0x1ba77131.
//
// Solidity: function noStake(bytes32 , address ) view returns(uint256)
func (_PredictionMarket *PredictionMarketCaller) NoStake(opts *bind.CallOpts, arg0 [32]byte, arg1 common.Address) (*big.Int, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "noStake", arg0, arg1)

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// NoStake is a free data retrieval call binding the contract method 0x1ba77131.
//
// Solidity: function noStake(bytes32 , address ) view returns(uint256)
func (_PredictionMarket *PredictionMarketSession) NoStake(arg0 [32]byte, arg1 common.Address) (*big.Int, error) {
	return _PredictionMarket.Contract.NoStake(&_PredictionMarket.CallOpts, arg0, arg1)
}

// NoStake is a free data retrieval call binding the contract method 0x1ba77131.
//
// Solidity: function noStake(bytes32 , address ) view returns(uint256)
func (_PredictionMarket *PredictionMarketCallerSession) NoStake(arg0 [32]byte, arg1 common.Address) (*big.Int, error) {
	return _PredictionMarket.Contract.NoStake(&_PredictionMarket.CallOpts, arg0, arg1)
}

// Registry is a free data retrieval call binding the contract method 0x7b103999.
//
// Solidity: function registry() view returns(address)
func (_PredictionMarket *PredictionMarketCaller) Registry(opts *bind.CallOpts) (common.Address, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "registry")

	if err != nil {
		return *new(common.Address), err
	}

	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)

	return out0, err

}

// Registry is a free data retrieval call binding the contract method 0x7b103999.
//
// Solidity: function registry() view returns(address)
func (_PredictionMarket *PredictionMarketSession) Registry() (common.Address, error) {
	return _PredictionMarket.Contract.Registry(&_PredictionMarket.CallOpts)
}

// Registry is a free data retrieval call binding the contract method 0x7b103999.
//
// Solidity: function registry() view returns(address)
func (_PredictionMarket *PredictionMarketCallerSession) Registry() (common.Address, error) {
	return _PredictionMarket.Contract.Registry(&_PredictionMarket.CallOpts)
}

// Status is a free data retrieval call binding the contract method 0x52ad0d5e.
//
// Solidity: function status(bytes32 id) view returns(uint8)
func (_PredictionMarket *PredictionMarketCaller) Status(opts *bind.CallOpts, id [32]byte) (uint8, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "status", id)

	if err != nil {
		return *new(uint8), err
	}

	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)

	return out0, err

}

// Status is a free data retrieval call binding the contract method 0x52ad0d5e.
//
// Solidity: function status(bytes32 id) view returns(uint8)
func (_PredictionMarket *PredictionMarketSession) Status(id [32]byte) (uint8, error) {
	return _PredictionMarket.Contract.Status(&_PredictionMarket.CallOpts, id)
}

// Status is a free data retrieval call binding the contract method 0x52ad0d5e.
//
// Solidity: function status(bytes32 id) view returns(uint8)
func (_PredictionMarket *PredictionMarketCallerSession) Status(id [32]byte) (uint8, error) {
	return _PredictionMarket.Contract.Status(&_PredictionMarket.CallOpts, id)
}

// TermsHash is a free data retrieval call binding the contract method 0xfe691277.
//
// Solidity: function termsHash((string,string,string,string,uint64,uint64) t) pure returns(bytes32)
func (_PredictionMarket *PredictionMarketCaller) TermsHash(opts *bind.CallOpts, t PredictionMarketTerms) ([32]byte, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "termsHash", t)

	if err != nil {
		return *new([32]byte), err
	}

	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)

	return out0, err

}

// TermsHash is a free data retrieval call binding the contract method 0xfe691277.
//
// Solidity: function termsHash((string,string,string,string,uint64,uint64) t) pure returns(bytes32)
func (_PredictionMarket *PredictionMarketSession) TermsHash(t PredictionMarketTerms) ([32]byte, error) {
	return _PredictionMarket.Contract.TermsHash(&_PredictionMarket.CallOpts, t)
}

// TermsHash is a free data retrieval call binding the contract method 0xfe691277.
//
// Solidity: function termsHash((string,string,string,string,uint64,uint64) t) pure returns(bytes32)
func (_PredictionMarket *PredictionMarketCallerSession) TermsHash(t PredictionMarketTerms) ([32]byte, error) {
	return _PredictionMarket.Contract.TermsHash(&_PredictionMarket.CallOpts, t)
}

// YesStake is a free data retrieval call binding the contract method 0x7a93ae43.
//
// Solidity: function yesStake(bytes32 , address ) view returns(uint256)
func (_PredictionMarket *PredictionMarketCaller) YesStake(opts *bind.CallOpts, arg0 [32]byte, arg1 common.Address) (*big.Int, error) {
	var out []interface{}
	err := _PredictionMarket.contract.Call(opts, &out, "yesStake", arg0, arg1)

	if err != nil {
		return *new(*big.Int), err
	}

	out0 := *abi.ConvertType(out[0], new(*big.Int)).(**big.Int)

	return out0, err

}

// YesStake is a free data retrieval call binding the contract method 0x7a93ae43.
//
// Solidity: function yesStake(bytes32 , address ) view returns(uint256)
func (_PredictionMarket *PredictionMarketSession) YesStake(arg0 [32]byte, arg1 common.Address) (*big.Int, error) {
	return _PredictionMarket.Contract.YesStake(&_PredictionMarket.CallOpts, arg0, arg1)
}

// YesStake is a free data retrieval call binding the contract method 0x7a93ae43.
//
// Solidity: function yesStake(bytes32 , address ) view returns(uint256)
func (_PredictionMarket *PredictionMarketCallerSession) YesStake(arg0 [32]byte, arg1 common.Address) (*big.Int, error) {
	return _PredictionMarket.Contract.YesStake(&_PredictionMarket.CallOpts, arg0, arg1)
}

// Bet is a paid mutator transaction binding the contract method 0x633b8f0a.
//
// Solidity: function bet(bytes32 id, bool yes) payable returns()
func (_PredictionMarket *PredictionMarketTransactor) Bet(opts *bind.TransactOpts, id [32]byte, yes bool) (*types.Transaction, error) {
	return _PredictionMarket.contract.Transact(opts, "bet", id, yes)
}

// Bet is a paid mutator transaction binding the contract method 0x633b8f0a.
//
// Solidity: function bet(bytes32 id, bool yes) payable returns()
func (_PredictionMarket *PredictionMarketSession) Bet(id [32]byte, yes bool) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Bet(&_PredictionMarket.TransactOpts, id, yes)
}

// Bet is a paid mutator transaction binding the contract method 0x633b8f0a.
//
// Solidity: function bet(bytes32 id, bool yes) payable returns()
func (_PredictionMarket *PredictionMarketTransactorSession) Bet(id [32]byte, yes bool) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Bet(&_PredictionMarket.TransactOpts, id, yes)
}

// Claim is a paid mutator transaction binding the contract method 0xbd66528a.
//
// Solidity: function claim(bytes32 id) returns()
func (_PredictionMarket *PredictionMarketTransactor) Claim(opts *bind.TransactOpts, id [32]byte) (*types.Transaction, error) {
	return _PredictionMarket.contract.Transact(opts, "claim", id)
}

// Claim is a paid mutator transaction binding the contract method 0xbd66528a.
//
// Solidity: function claim(bytes32 id) returns()
func (_PredictionMarket *PredictionMarketSession) Claim(id [32]byte) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Claim(&_PredictionMarket.TransactOpts, id)
}

// Claim is a paid mutator transaction binding the contract method 0xbd66528a.
//
// Solidity: function claim(bytes32 id) returns()
func (_PredictionMarket *PredictionMarketTransactorSession) Claim(id [32]byte) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Claim(&_PredictionMarket.TransactOpts, id)
}

// Create is a paid mutator transaction binding the contract method 0xa2aae0b3.
//
// Solidity: function create(bytes32 id, (string,string,string,string,uint64,uint64) t) returns()
func (_PredictionMarket *PredictionMarketTransactor) Create(opts *bind.TransactOpts, id [32]byte, t PredictionMarketTerms) (*types.Transaction, error) {
	return _PredictionMarket.contract.Transact(opts, "create", id, t)
}

// Create is a paid mutator transaction binding the contract method 0xa2aae0b3.
//
// Solidity: function create(bytes32 id, (string,string,string,string,uint64,uint64) t) returns()
func (_PredictionMarket *PredictionMarketSession) Create(id [32]byte, t PredictionMarketTerms) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Create(&_PredictionMarket.TransactOpts, id, t)
}

// Create is a paid mutator transaction binding the contract method 0xa2aae0b3.
//
// Solidity: function create(bytes32 id, (string,string,string,string,uint64,uint64) t) returns()
func (_PredictionMarket *PredictionMarketTransactorSession) Create(id [32]byte, t PredictionMarketTerms) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Create(&_PredictionMarket.TransactOpts, id, t)
}

// Resolve is a paid mutator transaction binding the contract method 0xf9efcba4.
//
// Solidity: function resolve(bytes32 id, (bytes32,bytes32,bytes32,bytes,uint64) st, bytes signature) returns()
func (_PredictionMarket *PredictionMarketTransactor) Resolve(opts *bind.TransactOpts, id [32]byte, st PredictionMarketStatement, signature []byte) (*types.Transaction, error) {
	return _PredictionMarket.contract.Transact(opts, "resolve", id, st, signature)
}

// Resolve is a paid mutator transaction binding the contract method 0xf9efcba4.
//
// Solidity: function resolve(bytes32 id, (bytes32,bytes32,bytes32,bytes,uint64) st, bytes signature) returns()
func (_PredictionMarket *PredictionMarketSession) Resolve(id [32]byte, st PredictionMarketStatement, signature []byte) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Resolve(&_PredictionMarket.TransactOpts, id, st, signature)
}

// Resolve is a paid mutator transaction binding the contract method 0xf9efcba4.
//
// Solidity: function resolve(bytes32 id, (bytes32,bytes32,bytes32,bytes,uint64) st, bytes signature) returns()
func (_PredictionMarket *PredictionMarketTransactorSession) Resolve(id [32]byte, st PredictionMarketStatement, signature []byte) (*types.Transaction, error) {
	return _PredictionMarket.Contract.Resolve(&_PredictionMarket.TransactOpts, id, st, signature)
}

// PredictionMarketBetIterator is returned from FilterBet and is used to iterate over the raw logs and unpacked data for Bet events raised by the PredictionMarket contract.
type PredictionMarketBetIterator struct {
	Event *PredictionMarketBet // Event containing the contract specifics and raw log

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
func (it *PredictionMarketBetIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(PredictionMarketBet)
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
		it.Event = new(PredictionMarketBet)
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
func (it *PredictionMarketBetIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *PredictionMarketBetIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// PredictionMarketBet represents a Bet event raised by the PredictionMarket contract.
type PredictionMarketBet struct {
	Id     [32]byte
	Who    common.Address
	Yes    bool
	Amount *big.Int
	Raw    types.Log // Blockchain specific contextual infos
}

// FilterBet is a free log retrieval operation binding the contract event 0x4bd7f796e474ec6cdca14f4f00b8bb1f3abb521fa1179c4b9923422f1f50472a.
//
// Solidity: event Bet(bytes32 indexed id, address indexed who, bool yes, uint256 amount)
func (_PredictionMarket *PredictionMarketFilterer) FilterBet(opts *bind.FilterOpts, id [][32]byte, who []common.Address) (*PredictionMarketBetIterator, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}
	var whoRule []interface{}
	for _, whoItem := range who {
		whoRule = append(whoRule, whoItem)
	}

	logs, sub, err := _PredictionMarket.contract.FilterLogs(opts, "Bet", idRule, whoRule)
	if err != nil {
		return nil, err
	}
	return &PredictionMarketBetIterator{contract: _PredictionMarket.contract, event: "Bet", logs: logs, sub: sub}, nil
}

// WatchBet is a free log subscription operation binding the contract event 0x4bd7f796e474ec6cdca14f4f00b8bb1f3abb521fa1179c4b9923422f1f50472a.
//
// Solidity: event Bet(bytes32 indexed id, address indexed who, bool yes, uint256 amount)
func (_PredictionMarket *PredictionMarketFilterer) WatchBet(opts *bind.WatchOpts, sink chan<- *PredictionMarketBet, id [][32]byte, who []common.Address) (event.Subscription, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}
	var whoRule []interface{}
	for _, whoItem := range who {
		whoRule = append(whoRule, whoItem)
	}

	logs, sub, err := _PredictionMarket.contract.WatchLogs(opts, "Bet", idRule, whoRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(PredictionMarketBet)
				if err := _PredictionMarket.contract.UnpackLog(event, "Bet", log); err != nil {
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

// ParseBet is a log parse operation binding the contract event 0x4bd7f796e474ec6cdca14f4f00b8bb1f3abb521fa1179c4b9923422f1f50472a.
//
// Solidity: event Bet(bytes32 indexed id, address indexed who, bool yes, uint256 amount)
func (_PredictionMarket *PredictionMarketFilterer) ParseBet(log types.Log) (*PredictionMarketBet, error) {
	event := new(PredictionMarketBet)
	if err := _PredictionMarket.contract.UnpackLog(event, "Bet", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// PredictionMarketClaimedIterator is returned from FilterClaimed and is used to iterate over the raw logs and unpacked data for Claimed events raised by the PredictionMarket contract.
type PredictionMarketClaimedIterator struct {
	Event *PredictionMarketClaimed // Event containing the contract specifics and raw log

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
func (it *PredictionMarketClaimedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(PredictionMarketClaimed)
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
		it.Event = new(PredictionMarketClaimed)
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
func (it *PredictionMarketClaimedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *PredictionMarketClaimedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// PredictionMarketClaimed represents a Claimed event raised by the PredictionMarket contract.
type PredictionMarketClaimed struct {
	Id     [32]byte
	Who    common.Address
	Amount *big.Int
	Raw    types.Log // Blockchain specific contextual infos
}

// FilterClaimed is a free log retrieval operation binding the contract event 0x0508a8b4117d9a7b3d8f5895f6413e61b4f9a2df35afbfb41e78d0ecfff1843f.
//
// Solidity: event Claimed(bytes32 indexed id, address indexed who, uint256 amount)
func (_PredictionMarket *PredictionMarketFilterer) FilterClaimed(opts *bind.FilterOpts, id [][32]byte, who []common.Address) (*PredictionMarketClaimedIterator, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}
	var whoRule []interface{}
	for _, whoItem := range who {
		whoRule = append(whoRule, whoItem)
	}

	logs, sub, err := _PredictionMarket.contract.FilterLogs(opts, "Claimed", idRule, whoRule)
	if err != nil {
		return nil, err
	}
	return &PredictionMarketClaimedIterator{contract: _PredictionMarket.contract, event: "Claimed", logs: logs, sub: sub}, nil
}

// WatchClaimed is a free log subscription operation binding the contract event 0x0508a8b4117d9a7b3d8f5895f6413e61b4f9a2df35afbfb41e78d0ecfff1843f.
//
// Solidity: event Claimed(bytes32 indexed id, address indexed who, uint256 amount)
func (_PredictionMarket *PredictionMarketFilterer) WatchClaimed(opts *bind.WatchOpts, sink chan<- *PredictionMarketClaimed, id [][32]byte, who []common.Address) (event.Subscription, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}
	var whoRule []interface{}
	for _, whoItem := range who {
		whoRule = append(whoRule, whoItem)
	}

	logs, sub, err := _PredictionMarket.contract.WatchLogs(opts, "Claimed", idRule, whoRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(PredictionMarketClaimed)
				if err := _PredictionMarket.contract.UnpackLog(event, "Claimed", log); err != nil {
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

// ParseClaimed is a log parse operation binding the contract event 0x0508a8b4117d9a7b3d8f5895f6413e61b4f9a2df35afbfb41e78d0ecfff1843f.
//
// Solidity: event Claimed(bytes32 indexed id, address indexed who, uint256 amount)
func (_PredictionMarket *PredictionMarketFilterer) ParseClaimed(log types.Log) (*PredictionMarketClaimed, error) {
	event := new(PredictionMarketClaimed)
	if err := _PredictionMarket.contract.UnpackLog(event, "Claimed", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// PredictionMarketCreatedIterator is returned from FilterCreated and is used to iterate over the raw logs and unpacked data for Created events raised by the PredictionMarket contract.
type PredictionMarketCreatedIterator struct {
	Event *PredictionMarketCreated // Event containing the contract specifics and raw log

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
func (it *PredictionMarketCreatedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(PredictionMarketCreated)
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
		it.Event = new(PredictionMarketCreated)
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
func (it *PredictionMarketCreatedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *PredictionMarketCreatedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// PredictionMarketCreated represents a Created event raised by the PredictionMarket contract.
type PredictionMarketCreated struct {
	Id         [32]byte
	Terms      [32]byte
	Definition PredictionMarketTerms
	Raw        types.Log // Blockchain specific contextual infos
}

// FilterCreated is a free log retrieval operation binding the contract event 0x8783c8b0b1a716e4f28656f59c2d514dc50ae1e24c0b4a50792d739b0ee3605c.
//
// Solidity: event Created(bytes32 indexed id, bytes32 terms, (string,string,string,string,uint64,uint64) definition)
func (_PredictionMarket *PredictionMarketFilterer) FilterCreated(opts *bind.FilterOpts, id [][32]byte) (*PredictionMarketCreatedIterator, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}

	logs, sub, err := _PredictionMarket.contract.FilterLogs(opts, "Created", idRule)
	if err != nil {
		return nil, err
	}
	return &PredictionMarketCreatedIterator{contract: _PredictionMarket.contract, event: "Created", logs: logs, sub: sub}, nil
}

// WatchCreated is a free log subscription operation binding the contract event 0x8783c8b0b1a716e4f28656f59c2d514dc50ae1e24c0b4a50792d739b0ee3605c.
//
// Solidity: event Created(bytes32 indexed id, bytes32 terms, (string,string,string,string,uint64,uint64) definition)
func (_PredictionMarket *PredictionMarketFilterer) WatchCreated(opts *bind.WatchOpts, sink chan<- *PredictionMarketCreated, id [][32]byte) (event.Subscription, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}

	logs, sub, err := _PredictionMarket.contract.WatchLogs(opts, "Created", idRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(PredictionMarketCreated)
				if err := _PredictionMarket.contract.UnpackLog(event, "Created", log); err != nil {
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

// ParseCreated is a log parse operation binding the contract event 0x8783c8b0b1a716e4f28656f59c2d514dc50ae1e24c0b4a50792d739b0ee3605c.
//
// Solidity: event Created(bytes32 indexed id, bytes32 terms, (string,string,string,string,uint64,uint64) definition)
func (_PredictionMarket *PredictionMarketFilterer) ParseCreated(log types.Log) (*PredictionMarketCreated, error) {
	event := new(PredictionMarketCreated)
	if err := _PredictionMarket.contract.UnpackLog(event, "Created", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}

// PredictionMarketObservedIterator is returned from FilterObserved and is used to iterate over the raw logs and unpacked data for Observed events raised by the PredictionMarket contract.
type PredictionMarketObservedIterator struct {
	Event *PredictionMarketObserved // Event containing the contract specifics and raw log

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
func (it *PredictionMarketObservedIterator) Next() bool {
	// If the iterator failed, stop iterating
	if it.fail != nil {
		return false
	}
	// If the iterator completed, deliver directly whatever's available
	if it.done {
		select {
		case log := <-it.logs:
			it.Event = new(PredictionMarketObserved)
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
		it.Event = new(PredictionMarketObserved)
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
func (it *PredictionMarketObservedIterator) Error() error {
	return it.fail
}

// Close terminates the iteration process, releasing any pending underlying
// resources.
func (it *PredictionMarketObservedIterator) Close() error {
	it.sub.Unsubscribe()
	return nil
}

// PredictionMarketObserved represents a Observed event raised by the PredictionMarket contract.
type PredictionMarketObserved struct {
	Id          [32]byte
	Outcome     bool
	ObservedAt  uint64
	Signer      common.Address
	SessionHash [32]byte
	Raw         types.Log // Blockchain specific contextual infos
}

// FilterObserved is a free log retrieval operation binding the contract event 0x01c98b31849147179cf415eb9375990360c2fd221523167ea6f5f4309925139a.
//
// Solidity: event Observed(bytes32 indexed id, bool outcome, uint64 observedAt, address signer, bytes32 sessionHash)
func (_PredictionMarket *PredictionMarketFilterer) FilterObserved(opts *bind.FilterOpts, id [][32]byte) (*PredictionMarketObservedIterator, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}

	logs, sub, err := _PredictionMarket.contract.FilterLogs(opts, "Observed", idRule)
	if err != nil {
		return nil, err
	}
	return &PredictionMarketObservedIterator{contract: _PredictionMarket.contract, event: "Observed", logs: logs, sub: sub}, nil
}

// WatchObserved is a free log subscription operation binding the contract event 0x01c98b31849147179cf415eb9375990360c2fd221523167ea6f5f4309925139a.
//
// Solidity: event Observed(bytes32 indexed id, bool outcome, uint64 observedAt, address signer, bytes32 sessionHash)
func (_PredictionMarket *PredictionMarketFilterer) WatchObserved(opts *bind.WatchOpts, sink chan<- *PredictionMarketObserved, id [][32]byte) (event.Subscription, error) {

	var idRule []interface{}
	for _, idItem := range id {
		idRule = append(idRule, idItem)
	}

	logs, sub, err := _PredictionMarket.contract.WatchLogs(opts, "Observed", idRule)
	if err != nil {
		return nil, err
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		for {
			select {
			case log := <-logs:
				// New log arrived, parse the event and forward to the user
				event := new(PredictionMarketObserved)
				if err := _PredictionMarket.contract.UnpackLog(event, "Observed", log); err != nil {
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

// ParseObserved is a log parse operation binding the contract event 0x01c98b31849147179cf415eb9375990360c2fd221523167ea6f5f4309925139a.
//
// Solidity: event Observed(bytes32 indexed id, bool outcome, uint64 observedAt, address signer, bytes32 sessionHash)
func (_PredictionMarket *PredictionMarketFilterer) ParseObserved(log types.Log) (*PredictionMarketObserved, error) {
	event := new(PredictionMarketObserved)
	if err := _PredictionMarket.contract.UnpackLog(event, "Observed", log); err != nil {
		return nil, err
	}
	event.Raw = log
	return event, nil
}
